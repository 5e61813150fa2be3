/*
 * What a phone makes of a server's chain (tlstrust.c), on certificates
 * made here with libcrypto: names (SAN, CN only said, wildcards, IPv4
 * and IPv6), dates of the leaf and of an intermediate, trust through a
 * CA slot, a self-signed leaf, a root sent but not trusted, and the note
 * when a file that might install the CA was not read.  The public roots
 * are emptied (SSL_CERT_FILE, SSL_CERT_DIR) so the machine's do not
 * count.
 */
#include "testshare.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "merge.h"
#include "tlstrust.h"

#define DAY	86400L

struct made {
	X509		*x;
	EVP_PKEY	*key;
	char		*pem;
};

static EVP_PKEY *
keygen(void)
{
	EVP_PKEY_CTX	*ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, NULL);
	EVP_PKEY	*key = NULL;

	assert_non_null(ctx);
	assert_int_equal(EVP_PKEY_keygen_init(ctx), 1);
	assert_int_equal(EVP_PKEY_CTX_set_ec_paramgen_curve_nid(ctx,
	    NID_X9_62_prime256v1), 1);
	assert_int_equal(EVP_PKEY_keygen(ctx, &key), 1);
	EVP_PKEY_CTX_free(ctx);
	return key;
}

static void
ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX	 ctx;
	X509_EXTENSION	*e;

	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	assert_non_null(e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value));
	assert_int_equal(X509_add_ext(x, e, -1), 1);
	X509_EXTENSION_free(e);
}

/* A certificate for cn valid from..to days from now, signed by ca (or
 * itself), with subjectAltName san unless NULL. */
static struct made
make(const char *cn, const struct made *ca, const char *san, long from,
    long to, int isca)
{
	static long	 serial = 1;
	struct made	 m;
	X509_NAME	*nm;
	BIO		*bio;
	char		*data;
	long		 len;

	m.key = keygen();
	assert_non_null(m.x = X509_new());
	X509_set_version(m.x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(m.x), serial++);
	X509_gmtime_adj(X509_getm_notBefore(m.x), from * DAY);
	X509_gmtime_adj(X509_getm_notAfter(m.x), to * DAY);
	X509_set_pubkey(m.x, m.key);
	nm = X509_get_subject_name(m.x);
	X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_ASC,
	    (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(m.x, ca ? X509_get_subject_name(ca->x) : nm);
	ext(m.x, ca ? ca->x : m.x, NID_basic_constraints, isca ?
	    "critical,CA:TRUE" : "CA:FALSE");
	if (san != NULL)
		ext(m.x, ca ? ca->x : m.x, NID_subject_alt_name, san);
	assert_true(X509_sign(m.x, ca ? ca->key : m.key, EVP_sha256()) > 0);
	assert_non_null(bio = BIO_new(BIO_s_mem()));
	assert_int_equal(PEM_write_bio_X509(bio, m.x), 1);
	len = BIO_get_mem_data(bio, &data);
	m.pem = strndup(data, (size_t)len);
	BIO_free(bio);
	return m;
}

static void
unmake(struct made *m)
{
	X509_free(m->x);
	EVP_PKEY_free(m->key);
	free(m->pem);
}

/* The findings for host and chain, the phone's values from fx's share. */
static void
check(struct ts_fixture *fx, const char *host, const char *const *pems,
    size_t n, struct findings *fs)
{
	struct tls_server	*ts;
	struct merged		*m;

	findings_free(fs);
	assert_non_null(ts = tls_server_from(host, pems, n));
	m = merge_new(ts_resolve(fx, NULL, NULL));
	tls_check(ts, m, fs);
	merge_free(m);
	tls_server_free(ts);
}

/* The share installs ca (its PEM) in attribute name, .set and all. */
static void
install(struct ts_fixture *fx, const char *name, const char *pem)
{
	char	*xml;

	ts_write(fx->root, "000000000000.cfg",
	    "<APPLICATION CONFIG_FILES=\"site.cfg\"/>");
	assert_true(asprintf(&xml, "<c device.set=\"1\" %s.set=\"1\"\n"
	    " %s=\"%s\"/>", name, name, pem ? pem : "") > 0);
	ts_write(fx->root, "site.cfg", xml);
	free(xml);
}

/* The share sets n application CA slots to text that is no certificate. */
static void
many_bad(struct ts_fixture *fx, size_t n)
{
	char	*xml, *next;
	size_t	 i;

	xml = strdup("<c");
	for (i = 0; i < n; i++) {
		assert_true(asprintf(&next, "%s sec.TLS.customCaCert.%zu=\"x\"",
		    xml, i) > 0);
		free(xml);
		xml = next;
	}
	assert_true(asprintf(&next, "%s/>", xml) > 0);
	ts_write(fx->root, "site.cfg", next);
	free(next);
	free(xml);
}

static void
test_name(void **state)
{
	struct ts_fixture	*fx = *state;
	struct findings		 fs = { 0 };
	static const char *const cns[] = { "prov.example.com", "10.0.0.8" };
	struct made		 ca, leaf;
	const char		*pems[1];
	size_t			 i;

	ca = make("Name CA", NULL, NULL, -1, 30, 1);
	install(fx, "device.sec.TLS.customCaCert1", ca.pem);
	leaf = make("prov.example.com", &ca, "DNS:prov.example.com,IP:10.0.0.5,"
	    "IP:::1", -1, 30, 0);
	pems[0] = leaf.pem;
	check(fx, "prov.example.com", pems, 1, &fs);
	assert_int_equal(fs.n, 0);
	check(fx, "10.0.0.5", pems, 1, &fs);
	assert_int_equal(fs.n, 0);
	check(fx, "[::1]", pems, 1, &fs);
	assert_int_equal(fs.n, 0);
	check(fx, "other.example.com", pems, 1, &fs);
	assert_non_null(strstr(ts_one(&fs, "tls-name")->message,
	    "(DNS:prov.example.com, IP:10.0.0.5, IP:::1)"));
	assert_null(strstr(fs.v[0].message, "CN"));
	check(fx, "10.0.0.6", pems, 1, &fs);
	assert_int_equal(ts_count(&fs, "tls-name"), 1);
	unmake(&leaf);

	/* An address spelled as a dNSName is no IP SAN, and no CN. */
	leaf = make("h", &ca, "DNS:10.0.0.7", -1, 30, 0);
	pems[0] = leaf.pem;
	check(fx, "10.0.0.7", pems, 1, &fs);
	assert_non_null(strstr(ts_one(&fs, "tls-name")->message,
	    "(DNS:10.0.0.7)"));
	assert_null(strstr(fs.v[0].message, "CN"));
	unmake(&leaf);

	/* The CN alone is said, not used, for a name and an address. */
	for (i = 0; i < 2; i++) {
		leaf = make(cns[i], &ca, NULL, -1, 30, 0);
		pems[0] = leaf.pem;
		check(fx, cns[i], pems, 1, &fs);
		assert_non_null(strstr(ts_one(&fs, "tls-name")->message,
		    "(it has none); its subject CN does"));
		unmake(&leaf);
	}

	/* A wildcard: only with strictCertCommonNameValidation applied 0. */
	leaf = make("wild", &ca, "DNS:*.example.com", -1, 30, 0);
	pems[0] = leaf.pem;
	check(fx, "prov.example.com", pems, 1, &fs);
	assert_non_null(strstr(ts_one(&fs, "tls-name")->message,
	    "only by a wildcard"));
	ts_write(fx->root, "000000000000.cfg",
	    "<APPLICATION CONFIG_FILES=\"strict.cfg\"/>");
	ts_write(fx->root, "strict.cfg", "<c device.set=\"1\" "
	    "device.sec.TLS.prov.strictCertCommonNameValidation.set=\"1\" "
	    "device.sec.TLS.prov.strictCertCommonNameValidation=\"0\"/>");
	check(fx, "prov.example.com", pems, 1, &fs);
	assert_int_equal(ts_count(&fs, "tls-name"), 0);
	unmake(&leaf);
	unmake(&ca);
	findings_free(&fs);
}

static void
test_dates(void **state)
{
	struct ts_fixture	*fx = *state;
	struct findings		 fs = { 0 };
	struct made		 ca, mid, leaf;
	const char		*pems[2];

	ca = make("Date CA", NULL, NULL, -1, 30, 1);
	install(fx, "device.sec.TLS.customCaCert2", ca.pem);
	mid = make("Old Intermediate", &ca, NULL, -30, -2, 1);
	leaf = make("h", &mid, "DNS:h", -1, 30, 0);
	pems[0] = leaf.pem;
	pems[1] = mid.pem;
	check(fx, "h", pems, 2, &fs);
	/* Only the date: the chain itself reaches the CA. */
	assert_int_equal(fs.n, 1);
	assert_non_null(strstr(ts_one(&fs, "tls-expired")->message,
	    "the chain's certificate \"CN=Old Intermediate\" of h expired on "));
	unmake(&leaf);
	leaf = make("h", &ca, "DNS:h", 2, 30, 0);
	pems[0] = leaf.pem;
	check(fx, "h", pems, 1, &fs);
	assert_non_null(strstr(ts_one(&fs, "tls-expired")->message,
	    "the server's certificate \"CN=h\" of h is not valid before "));
	unmake(&leaf);
	unmake(&mid);
	unmake(&ca);
	findings_free(&fs);
}

static void
test_trust(void **state)
{
	struct ts_fixture	*fx = *state;
	struct findings		 fs = { 0 };
	struct made		 root, mid, leaf, self;
	const char		*pems[3];

	root = make("Trust Root", NULL, NULL, -1, 30, 1);
	mid = make("Trust Intermediate", &root, NULL, -1, 30, 1);
	leaf = make("h", &mid, "DNS:h", -1, 30, 0);
	pems[0] = leaf.pem;
	pems[1] = mid.pem;
	pems[2] = root.pem;
	/* The root in an application slot: trusted. */
	install(fx, "sec.TLS.customCaCert.5", root.pem);
	check(fx, "h", pems, 2, &fs);
	assert_int_equal(fs.n, 0);
	/* No CA: the root is named, sent or not. */
	install(fx, "device.sec.TLS.customCaCert3", NULL);
	check(fx, "h", pems, 2, &fs);
	assert_non_null(strstr(ts_one(&fs, "tls-untrusted")->message,
	    "needs the CA \"CN=Trust Root\""));
	check(fx, "h", pems, 3, &fs);
	assert_non_null(strstr(ts_one(&fs, "tls-untrusted")->message,
	    "needs the CA \"CN=Trust Root\""));
	/* The intermediate alone is not a trust anchor. */
	install(fx, "device.sec.TLS.customCaCert1", mid.pem);
	check(fx, "h", pems, 2, &fs);
	assert_non_null(strstr(ts_one(&fs, "tls-untrusted")->message,
	    "nor the 1 CA certificate"));
	/* Unreadable slots: the first named, the others counted, so that
	 * the message stays short however many a share holds. */
	many_bad(fx, 3000);
	check(fx, "h", pems, 2, &fs);
	assert_non_null(strstr(ts_one(&fs, "tls-untrusted")->message,
	    "; sec.TLS.customCaCert.0 (site.cfg:1) and 2999 more CA slots "
	    "hold no certificate that can be read"));
	assert_true(strlen(fs.v[0].message) < 400);
	/* A self-signed server certificate needs itself. */
	self = make("Self", NULL, "DNS:h", -1, 30, 0);
	pems[0] = self.pem;
	check(fx, "h", pems, 1, &fs);
	assert_non_null(strstr(ts_one(&fs, "tls-untrusted")->message,
	    "needs the CA \"CN=Self\""));
	/* A file not read: a note, trust cannot be told. */
	ts_write(fx->root, "000000000000.cfg",
	    "<APPLICATION CONFIG_FILES=\"../outside.cfg\"/>");
	check(fx, "h", pems, 1, &fs);
	assert_int_equal(ts_one(&fs, "tls-untrusted")->sev, SEV_NOTE);
	assert_non_null(strstr(fs.v[0].message, "cannot be told"));
	unmake(&self);
	unmake(&leaf);
	unmake(&mid);
	unmake(&root);
	findings_free(&fs);
}

static void
test_unreadable(void **state)
{
	static const char *const junk[] = {
		"", "no certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n"
		"-----END CERTIFICATE-----\n", "-----BEGIN CERTIFICATE-----",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(junk) / sizeof(junk[0]); i++)
		assert_null(tls_server_from("h", &junk[i], 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_name, ts_setup,
		    ts_teardown),
		cmocka_unit_test_setup_teardown(test_dates, ts_setup,
		    ts_teardown),
		cmocka_unit_test_setup_teardown(test_trust, ts_setup,
		    ts_teardown),
		cmocka_unit_test(test_unreadable),
	};

	setenv("SSL_CERT_FILE", "/nonexistent", 1);
	setenv("SSL_CERT_DIR", "/nonexistent", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
