/*
 * --version names the libraries actually loaded: a bug report then says
 * which libxml2 parsed the file and which TLS backend libcurl used, even
 * when the binary was built elsewhere.
 */
#include <stdlib.h>

#include <curl/curl.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <openssl/crypto.h>
#include <sqlite3.h>

#include "version.h"

/* xmlParserVersion is "20914" for 2.9.14. */
static void
print_libxml2(FILE *fp)
{
	long	v = strtol(xmlParserVersion, NULL, 10);

	fprintf(fp, " libxml2/%ld.%ld.%ld", v / 10000, v / 100 % 100,
	    v % 100);
}

/* curl_version() is what curl -V prints: libcurl, its TLS backend, zlib... */
static void
print_libcurl(FILE *fp)
{
	fprintf(fp, " %s", curl_version());
}

static void
print_jansson(FILE *fp)
{
	fprintf(fp, " jansson/%s", jansson_version_str());
}

static void
print_sqlite3(FILE *fp)
{
	fprintf(fp, " SQLite/%s", sqlite3_libversion());
}

/* libcrypto checks share servers' chains for tlstrust.c. */
static void
print_libcrypto(FILE *fp)
{
#ifdef OPENSSL_VERSION_STRING
	fprintf(fp, " libcrypto/%s", OpenSSL_version(OPENSSL_VERSION_STRING));
#else
	fprintf(fp, " libcrypto/%s", OpenSSL_version(OPENSSL_VERSION));
#endif
}

/* One entry per library linked into polyaudit. */
static void (*const libraries[])(FILE *) = {
	print_libxml2,
	print_libcurl,
	print_jansson,
	print_sqlite3,
	print_libcrypto,
};

void
version_print(FILE *fp)
{
	size_t	i;

	fprintf(fp, "%s %s", PACKAGE_NAME, PACKAGE_VERSION);
	for (i = 0; i < sizeof(libraries) / sizeof(libraries[0]); i++)
		libraries[i](fp);
	fputc('\n', fp);
}
