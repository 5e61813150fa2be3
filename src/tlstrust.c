/*
 * Would a phone configured by the share trust the share's server?  The
 * chain the server sent (share_tls_chain()) is checked the way
 * diagnosis.md section 3 says a phone checks it: validity dates, the
 * server name, and a chain to a built-in or custom CA.  The reference
 * lists no built-in roots: OpenSSL's default trust store stands in for
 * them.  Names printed from certificates are RFC 2253 strings (ASCII,
 * specials escaped), cut to NAME_MAX_SHOWN bytes.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "findings.h"
#include "merge.h"
#include "share.h"
#include "tlstrust.h"
#include "xalloc.h"

#define NAME_MAX_SHOWN	200	/* bytes of a subject in a message */
#define SAN_MAX_SHOWN	4	/* subjectAltNames listed in tls-name */

static const char pem_begin[] = "-----BEGIN CERTIFICATE-----";
static const char pem_end[] = "-----END CERTIFICATE-----";

struct tls_server {
	char		*host;		/* as in the share URL, no brackets */
	STACK_OF(X509)	*chain;		/* as sent, leaf first */
	int		 public_ok;	/* chains to a public root */
	char		*public_need;	/* else which CA it needs, or NULL */
	const char	*public_why;	/* and why not (static) */
};

/*
 * Every certificate between PEM markers in s, whitespace anywhere in the
 * base64 (an XML attribute value has its newlines turned into spaces).
 * Certificates that do not decode are counted in *bad.
 */
static void
pem_certs(const char *s, STACK_OF(X509) *out, int *bad)
{
	const char		*b, *e;
	unsigned char		*b64, *der;
	const unsigned char	*p;
	size_t			 n, pad;
	int			 len;
	X509			*x;

	while ((b = strstr(s, pem_begin)) != NULL) {
		b += sizeof(pem_begin) - 1;
		if ((e = strstr(b, pem_end)) == NULL) {
			(*bad)++;
			return;
		}
		b64 = xmalloc((size_t)(e - b) + 1);
		for (n = pad = 0; b < e; b++)
			if (isalnum((unsigned char)*b) || *b == '+' ||
			    *b == '/' || *b == '=') {
				pad = *b == '=' ? pad + 1 : 0;
				b64[n++] = (unsigned char)*b;
			}
		x = NULL;
		der = xmalloc(n / 4 * 3 + 3);
		if (n > 0 && n % 4 == 0 && pad <= 2 && n <= 0x7fffffff &&
		    (len = EVP_DecodeBlock(der, b64, (int)n)) > (int)pad) {
			p = der;
			x = d2i_X509(NULL, &p, len - (int)pad);
		}
		if (x != NULL)
			sk_X509_push(out, x);
		else
			(*bad)++;
		free(der);
		free(b64);
		s = e + sizeof(pem_end) - 1;
	}
}

/* A certificate name as RFC 2253 text, cut to NAME_MAX_SHOWN bytes. */
static char *
name_text(const X509_NAME *nm)
{
	BIO	*bio = BIO_new(BIO_s_mem());
	char	*data, *out;
	long	 len;

	if (bio == NULL)
		abort();
	if (X509_NAME_print_ex(bio, nm, 0, XN_FLAG_RFC2253) < 0)
		BIO_puts(bio, "?");
	len = BIO_get_mem_data(bio, &data);
	if (len > NAME_MAX_SHOWN)
		out = xasprintf("%.*s...", NAME_MAX_SHOWN, data);
	else
		out = xasprintf("%.*s", (int)len, data);
	BIO_free(bio);
	return out;
}

/* An ASN.1 time as "YYYY-MM-DD HH:MM:SS UTC". */
static void
time_text(const ASN1_TIME *t, char *buf, size_t size)
{
	struct tm	tm;

	memset(&tm, 0, sizeof(tm));
	if (ASN1_TIME_to_tm(t, &tm) != 1 ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, size, "an unreadable date");
}

/*
 * Verify chain (leaf first) against store, or the anchors when not NULL
 * (looked through as they are: adding thousands of CAs to a store one by
 * one costs time quadratic in their number), dates aside (tls-expired
 * says those).  0 when it chains to such a CA; else -1 with *need,
 * the subject of the CA that would be needed, or NULL and *why, why the
 * chain fails (static).
 */
static int
verify(X509_STORE *store, STACK_OF(X509) *anchors, STACK_OF(X509) *chain,
    char **need, const char **why)
{
	X509_STORE_CTX		*ctx = X509_STORE_CTX_new();
	STACK_OF(X509)		*built;
	X509			*top;
	int			 ok, err;

	*need = NULL;
	if (ctx == NULL || X509_STORE_CTX_init(ctx, store,
	    sk_X509_value(chain, 0), chain) != 1)
		abort();
	if (anchors != NULL)
		X509_STORE_CTX_set0_trusted_stack(ctx, anchors);
	X509_STORE_CTX_set_flags(ctx, X509_V_FLAG_NO_CHECK_TIME);
	if (!(ok = X509_verify_cert(ctx) == 1)) {
		err = X509_STORE_CTX_get_error(ctx);
		built = X509_STORE_CTX_get0_chain(ctx);
		top = built != NULL && sk_X509_num(built) > 0 ?
		    sk_X509_value(built, sk_X509_num(built) - 1) :
		    sk_X509_value(chain, 0);
		*why = X509_verify_cert_error_string(err);
		if (err == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT ||
		    err == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY ||
		    err == X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE)
			*need = name_text(X509_get_issuer_name(top));
		else if (err == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ||
		    err == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN)
			*need = name_text(X509_get_subject_name(top));
	}
	X509_STORE_CTX_free(ctx);
	return ok ? 0 : -1;
}

struct tls_server *
tls_server_new(struct share *sh)
{
	const char *const	*pems;
	const char		*host, *cause;
	size_t			 n;

	if (share_tls_chain(sh, &pems, &n, &host, &cause) != 1)
		return NULL;	/* -1: the share's own failures say why */
	return tls_server_from(host, pems, n);
}

struct tls_server *
tls_server_from(const char *host, const char *const *pems, size_t n)
{
	struct tls_server	*ts;
	X509_STORE		*roots;
	size_t			 i, len;
	int			 bad = 0;

	ts = xcalloc(1, sizeof(*ts));
	len = strlen(host);
	if (len >= 2 && host[0] == '[' && host[len - 1] == ']')
		ts->host = xstrndup(host + 1, len - 2);
	else
		ts->host = xstrdup(host);
	if ((ts->chain = sk_X509_new_null()) == NULL)
		abort();
	for (i = 0; i < n; i++)
		pem_certs(pems[i], ts->chain, &bad);
	if (bad > 0 || sk_X509_num(ts->chain) == 0) {
		tls_server_free(ts);
		return NULL;
	}
	if ((roots = X509_STORE_new()) == NULL)
		abort();
	/* The system's roots; SSL_CERT_FILE and SSL_CERT_DIR move them. */
	X509_STORE_set_default_paths(roots);
	ts->public_ok = verify(roots, NULL, ts->chain, &ts->public_need,
	    &ts->public_why) == 0;
	X509_STORE_free(roots);
	return ts;
}

void
tls_server_free(struct tls_server *ts)
{
	if (ts == NULL)
		return;
	sk_X509_pop_free(ts->chain, X509_free);
	free(ts->host);
	free(ts->public_need);
	free(ts);
}

/* tls-expired for each certificate of the chain outside its dates. */
static void
check_dates(const struct tls_server *ts, struct findings *fs)
{
	const ASN1_TIME	*t;
	X509		*x;
	const char	*what;
	char		*who, when[64];
	int		 i;

	for (i = 0; i < sk_X509_num(ts->chain); i++) {
		x = sk_X509_value(ts->chain, i);
		if (X509_cmp_time((t = X509_get0_notAfter(x)), NULL) < 0)
			what = "expired on";
		else if (X509_cmp_time((t = X509_get0_notBefore(x)), NULL) > 0)
			what = "is not valid before";
		else
			continue;
		time_text(t, when, sizeof(when));
		who = name_text(X509_get_subject_name(x));
		findings_add(fs, FIND_TLS_EXPIRED, NULL, 0, "%s certificate "
		    "\"%s\" of %s %s %s", i == 0 ? "the server's" :
		    "the chain's", who, ts->host, what, when);
		free(who);
	}
}

/* The leaf's subjectAltNames, "DNS:a, IP:b", at most SAN_MAX_SHOWN. */
static char *
san_text(X509 *leaf)
{
	GENERAL_NAMES		*gens;
	const GENERAL_NAME	*g;
	char			*out = xstrdup(""), *next, ip[INET6_ADDRSTRLEN];
	int			 i, shown = 0, len;

	gens = X509_get_ext_d2i(leaf, NID_subject_alt_name, NULL, NULL);
	for (i = 0; i < sk_GENERAL_NAME_num(gens); i++) {
		g = sk_GENERAL_NAME_value(gens, i);
		next = NULL;
		if (shown == SAN_MAX_SHOWN) {
			next = xasprintf("%s, ...", out);
			i = sk_GENERAL_NAME_num(gens);
		} else if (g->type == GEN_DNS) {
			len = ASN1_STRING_length(g->d.dNSName);
			next = xasprintf("%s%sDNS:%.*s", out, shown ? ", " :
			    "", len > NAME_MAX_SHOWN ? NAME_MAX_SHOWN : len,
			    (const char *)ASN1_STRING_get0_data(g->d.dNSName));
		} else if (g->type == GEN_IPADD &&
		    (len = ASN1_STRING_length(g->d.iPAddress)) != 0 &&
		    (len == 4 || len == 16) && inet_ntop(len == 4 ? AF_INET :
		    AF_INET6, ASN1_STRING_get0_data(g->d.iPAddress), ip,
		    sizeof(ip)) != NULL)
			next = xasprintf("%s%sIP:%s", out, shown ? ", " : "",
			    ip);
		if (next == NULL)
			continue;
		free(out);
		out = next;
		shown++;
	}
	GENERAL_NAMES_free(gens);
	return out;
}

/* Whether a subject CN of x is host, byte for byte. */
static int
cn_is(X509 *x, const char *host)
{
	const X509_NAME	*nm = X509_get_subject_name(x);
	const ASN1_STRING *cn;
	size_t		 len = strlen(host);
	int		 i = -1;

	while ((i = X509_NAME_get_index_by_NID(nm, NID_commonName, i)) >= 0) {
		cn = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(nm, i));
		if ((size_t)ASN1_STRING_length(cn) == len &&
		    memcmp(ASN1_STRING_get0_data(cn), host, len) == 0)
			return 1;
	}
	return 0;
}

/*
 * tls-name: the share's host must be a subjectAltName of the leaf
 * (dNSName, or iPAddress for an address).  The subject CN is not used:
 * the reference does not say phones fall back to it, so a CN-only match
 * is said in the message.  A wildcard match counts only when
 * device.sec.TLS.prov.strictCertCommonNameValidation is applied as 0.
 */
static void
check_name(const struct tls_server *ts, struct merged *m,
    struct findings *fs)
{
	const unsigned	 san = X509_CHECK_FLAG_NEVER_CHECK_SUBJECT;
	const struct eparam *ep;
	const char	*strict;
	X509		*leaf = sk_X509_value(ts->chain, 0);
	unsigned char	 addr[16];
	char		*names, *cn;
	int		 isip;

	isip = inet_pton(AF_INET, ts->host, addr) == 1 ||
	    inet_pton(AF_INET6, ts->host, addr) == 1;
	if (isip ? X509_check_ip_asc(leaf, ts->host, 0) == 1 :
	    X509_check_host(leaf, ts->host, 0, san |
	    X509_CHECK_FLAG_NO_WILDCARDS, NULL) == 1)
		return;
	strict = merge_applied(m,
	    "device.sec.TLS.prov.strictCertCommonNameValidation", &ep);
	if (!isip && X509_check_host(leaf, ts->host, 0, san, NULL) == 1) {
		if (strict != NULL && strcmp(strict, "0") == 0)
			return;
		findings_add(fs, FIND_TLS_NAME, NULL, 0, "the server's "
		    "certificate names %s only by a wildcard; phones accepted "
		    "a wildcard only with device.sec.TLS.prov."
		    "strictCertCommonNameValidation off, and it is %s", ts->host,
		    strict != NULL ? "not" : "not set");
		return;
	}
	names = san_text(leaf);
	/* With the SANs ruled out, a host match can only be the CN; an
	 * address could still match a dNSName spelled as it. */
	cn = (isip ? cn_is(leaf, ts->host) : X509_check_host(leaf, ts->host, 0,
	    X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT | X509_CHECK_FLAG_NO_WILDCARDS,
	    NULL) == 1) ? xstrdup("; its subject CN does, and whether phones "
	    "fall back to the CN is not documented") : xstrdup("");
	findings_add(fs, FIND_TLS_NAME, NULL, 0, "the server's certificate "
	    "does not name %s in its subjectAltName (%s)%s", ts->host,
	    *names ? names : "it has none", cn);
	free(cn);
	free(names);
}

/* Whether name is a CA slot a phone trusts for provisioning. */
static int
ca_slot(const char *name)
{
	static const char app[] = "sec.TLS.customCaCert.";

	return strcmp(name, "device.sec.TLS.customCaCert1") == 0 ||
	    strcmp(name, "device.sec.TLS.customCaCert2") == 0 ||
	    strcmp(name, "device.sec.TLS.customCaCert3") == 0 ||
	    (strncmp(name, app, sizeof(app) - 1) == 0 &&
	    name[sizeof(app) - 1] != '\0' &&
	    strspn(name + sizeof(app) - 1, "0123456789") ==
	    strlen(name + sizeof(app) - 1));
}

/* The first file of r that polyaudit could not read (refused or
 * encrypted: it may install a CA), or NULL. */
static const char *
unread(const struct resolution *r, size_t *n)
{
	const char	*first = NULL;
	size_t		 i;

	*n = 0;
	if (r->mastercf != NULL && (r->mastercf->status == CFG_REFUSED ||
	    r->mastercf->status == CFG_ENCRYPTED)) {
		first = r->master;
		(*n)++;
	}
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].status == CFG_REFUSED ||
		    r->files[i].status == CFG_ENCRYPTED) {
			if (first == NULL)
				first = r->files[i].path;
			(*n)++;
		}
	return first;
}

/*
 * tls-untrusted: the chain reaches neither a public root nor a CA
 * certificate the merged values install (the device slots through their
 * .set gates, the application slots).  When a file that could install
 * one was not read, a note says which CA is needed and that the rest
 * cannot be told.
 */
static void
check_trust(const struct tls_server *ts, struct merged *m,
    struct findings *fs)
{
	const char *const	*names;
	const struct eparam	*ep;
	const char		*v;
	STACK_OF(X509)		*cas;
	const char		*why = NULL, *first;
	char			*need = NULL, *bad, *next;
	size_t			 n, i, nunread, nslots = 0;
	int			 nbad, ncas;

	if (ts->public_ok)
		return;
	bad = xstrdup("");
	if ((cas = sk_X509_new_null()) == NULL)
		abort();
	n = merge_names(m, &names);
	for (i = 0; i < n; i++) {
		if (!ca_slot(names[i]) ||
		    (v = merge_applied(m, names[i], &ep)) == NULL)
			continue;
		nbad = 0;
		pem_certs(v, cas, &nbad);
		/* The first unreadable slot is named, the rest counted: a
		 * share can hold any number of application slots. */
		if ((nbad > 0 || strstr(v, pem_begin) == NULL) &&
		    nslots++ == 0) {
			free(bad);
			bad = xasprintf("; %s (%s:%d)", names[i], ep->file,
			    ep->line);
		}
	}
	next = nslots < 2 ? xasprintf("%s%s", bad, nslots ? " holds no "
	    "certificate that can be read" : "") : xasprintf("%s and %zu "
	    "more CA slots hold no certificate that can be read", bad,
	    nslots - 1);
	free(bad);
	bad = next;
	ncas = sk_X509_num(cas);
	if (ncas > 0 && verify(NULL, cas, ts->chain, &need, &why) == 0)
		goto out;
	if (ncas == 0) {
		need = ts->public_need ? xstrdup(ts->public_need) : NULL;
		why = ts->public_why;
	}
	if ((first = unread(merge_resolution(m), &nunread)) != NULL)
		findings_add(fs, FIND_TLS_UNTRUSTED_UNKNOWN, NULL, 0, "the chain "
		    "of %s %s%s%s%s, which no public root holds; whether the "
		    "configuration installs it cannot be told: %zu of its files "
		    "%s not read (first: %s)", ts->host, need != NULL ?
		    "needs the CA \"" : "fails (", need != NULL ? need : why,
		    need != NULL ? "\"" : ")", bad, nunread, nunread == 1 ?
		    "was" : "were", first);
	else if (need != NULL)
		findings_add(fs, FIND_TLS_UNTRUSTED, NULL, 0, "a phone would "
		    "not trust %s: its chain needs the CA \"%s\", and neither "
		    "the public roots nor the %d CA certificate%s the "
		    "configuration installs hold it%s", ts->host, need, ncas,
		    ncas == 1 ? "" : "s", bad);
	else
		findings_add(fs, FIND_TLS_UNTRUSTED, NULL, 0, "a phone would "
		    "not trust %s: its chain fails (%s) against the public "
		    "roots and the %d CA certificate%s the configuration "
		    "installs%s", ts->host, why, ncas, ncas == 1 ? "" : "s",
		    bad);
out:
	free(need);
	free(bad);
	sk_X509_pop_free(cas, X509_free);
}

void
tls_check(const struct tls_server *ts, struct merged *m,
    struct findings *fs)
{
	if (ts == NULL)
		return;
	check_dates(ts, fs);
	check_name(ts, m, fs);
	check_trust(ts, m, fs);
}
