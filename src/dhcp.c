/*
 * DHCP options 43, 120 and 60: hex as admins paste it, TLV decoding with
 * warnings an admin can act on, and option 43 encoding.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dhcp.h"
#include "redact.h"
#include "xalloc.h"

static const char *const subnames43[] = {
	NULL, "UCIdentifier", "URLScheme", "WebServerFqdn", "WebServerPort",
	"CertProvRelPath"
};
static const char *const subnames60[] = {
	NULL, "company", "part", "part number", "application", "bootROM"
};

enum level { WARN, NOTE };

/*
 * Add a warning with a stable code, or a note: how the bytes were read,
 * not a problem with the value.
 */
static void __attribute__((format(printf, 4, 5)))
add(struct dhcp_result *r, enum level lv, const char *code,
    const char *fmt, ...)
{
	struct dhcp_warning	**v = lv == NOTE ? &r->notes : &r->warns;
	size_t			 *n = lv == NOTE ? &r->nnotes : &r->nwarns;
	va_list			  ap;
	char			 *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = xstrdup(code);
	va_end(ap);
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].code = code;
	(*v)[*n].message = msg;
	(*n)++;
}

static struct dhcp_subopt *
addsub(struct dhcp_result *r, int code, size_t length,
    const unsigned char *p, size_t have)
{
	struct dhcp_subopt	*s;

	r->subs = xreallocarray(r->subs, r->nsubs + 1, sizeof *r->subs);
	s = &r->subs[r->nsubs++];
	s->code = code;
	s->length = length;
	s->have = have;
	s->value = xmalloc(have);
	if (have != 0)
		memcpy(s->value, p, have);
	return s;
}

static void
additem(struct dhcp_result *r, char *s)
{
	r->items = xreallocarray(r->items, r->nitems + 1, sizeof *r->items);
	r->items[r->nitems++] = s;
}

static struct dhcp_result *
result_new(int option)
{
	struct dhcp_result	*r;

	r = xcalloc(1, sizeof *r);
	r->option = option;
	return r;
}

void
dhcp_result_free(struct dhcp_result *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nsubs; i++)
		free(r->subs[i].value);
	free(r->subs);
	for (i = 0; i < r->nitems; i++)
		free(r->items[i]);
	free(r->items);
	for (i = 0; i < r->nwarns; i++)
		free(r->warns[i].message);
	free(r->warns);
	for (i = 0; i < r->nnotes; i++)
		free(r->notes[i].message);
	free(r->notes);
	free(r->sts_uri);
	free(r);
}

/* Name of a sub-option, or NULL if the option does not define it. */
const char *
dhcp_subopt_name(int option, int code)
{
	if (option == 43) {
		if (code >= 1 && code <= 5)
			return subnames43[code];
		if (code == 10)
			return "VoiceVLAN (AudioCodes)";
	}
	if (option == 60 && code >= 1 && code <= 5)
		return subnames60[code];
	return NULL;
}

/* Whether bytes are printable ASCII, so they can be shown as text. */
int
dhcp_is_printable(const unsigned char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return 0;
	return 1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
hexsep(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == ':' || c == '.' || c == '-' || c == ',';
}

/*
 * Parse hex the way admins paste it: any case, with or without spaces,
 * colons, dashes or Cisco's dots ("0104.4d53"), and a 0x prefix on any
 * group.  The number of hex digits is returned too, since 180 of them is
 * the mark of Cisco IOS truncation.
 */
int
dhcp_hex_parse(const char *s, unsigned char **out, size_t *outlen,
    size_t *ndigits, char **cause)
{
	unsigned char	*buf;
	size_t		 i, n = 0, len;
	int		 v, hi = -1, start = 1;

	len = strlen(s);
	buf = xmalloc(len / 2 + 1);
	for (i = 0; i < len; i++) {
		if (hexsep((unsigned char)s[i])) {
			start = 1;
			continue;
		}
		if (start && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
			i++;
			start = 0;
			continue;
		}
		start = 0;
		if ((v = hexval((unsigned char)s[i])) == -1) {
			if (isprint((unsigned char)s[i]))
				*cause = xasprintf("bad character '%c' at "
				    "position %zu", s[i], i + 1);
			else
				*cause = xasprintf("bad character 0x%02X at "
				    "position %zu", (unsigned char)s[i], i + 1);
			free(buf);
			return -1;
		}
		if (hi == -1)
			hi = v;
		else {
			buf[n / 2] = (unsigned char)(hi << 4 | v);
			hi = -1;
		}
		n++;
	}
	if (n == 0) {
		*cause = xstrdup("no hex digits");
		free(buf);
		return -1;
	}
	if (n % 2 != 0) {
		*cause = xasprintf("odd number of hex digits (%zu): a digit "
		    "is missing or extra", n);
		free(buf);
		return -1;
	}
	*out = buf;
	*outlen = n / 2;
	if (ndigits != NULL)
		*ndigits = n;
	return 0;
}

/* Upper-case hex of bytes; caller frees. */
char *
dhcp_hex_format(const unsigned char *p, size_t len)
{
	static const char	 digits[] = "0123456789ABCDEF";
	char			*s;
	size_t			 i;

	s = xreallocarray(NULL, len + 1, 2);
	for (i = 0; i < len; i++) {
		s[2 * i] = digits[p[i] >> 4];
		s[2 * i + 1] = digits[p[i] & 0xf];
	}
	s[2 * len] = '\0';
	return s;
}

static const struct dhcp_subopt *
findsub(const struct dhcp_result *r, int code)
{
	size_t	i;

	for (i = 0; i < r->nsubs; i++)
		if (r->subs[i].code == code)
			return &r->subs[i];
	return NULL;
}

/* A sub-option complete and printable enough to go into the STS URI. */
static const struct dhcp_subopt *
usable(const struct dhcp_result *r, int code)
{
	const struct dhcp_subopt	*s;

	if ((s = findsub(r, code)) == NULL || s->have != s->length ||
	    s->have == 0 || !dhcp_is_printable(s->value, s->have))
		return NULL;
	return s;
}

/* Port as ASCII digits, leading zeros allowed; -1 if not a port. */
static long
parseport(const struct dhcp_subopt *s)
{
	size_t	i;
	long	port = 0;

	if (s->have == 0)
		return -1;
	for (i = 0; i < s->have; i++) {
		if (s->value[i] < '0' || s->value[i] > '9')
			return -1;
		port = port * 10 + (s->value[i] - '0');
		if (port > 65535)
			return -1;
	}
	return port == 0 ? -1 : port;
}

static void
check43(struct dhcp_result *r)
{
	const struct dhcp_subopt	*s, *scheme, *fqdn, *port, *path;
	char				*hex;
	long				 portnum = -1;
	int				 code;

	for (code = 1; code <= 5; code++)
		if (findsub(r, code) == NULL)
			add(r, WARN, "missing-suboption", "sub-option %d (%s) "
			    "is missing", code, subnames43[code]);
	if ((s = findsub(r, 1)) != NULL && s->have == s->length &&
	    (s->length != strlen(DHCP_MSUC_CLASS) ||
	    memcmp(s->value, DHCP_MSUC_CLASS, s->length) != 0)) {
		if (dhcp_is_printable(s->value, s->have))
			add(r, WARN, "not-ms-uc-client", "sub-option 1 is "
			    "\"%.*s\", not \"" DHCP_MSUC_CLASS "\": the phone "
			    "ignores these options", (int)s->have,
			    (const char *)s->value);
		else {
			hex = dhcp_hex_format(s->value, s->have);
			add(r, WARN, "not-ms-uc-client", "sub-option 1 is hex "
			    "%s, not \"" DHCP_MSUC_CLASS "\": the phone "
			    "ignores these options", hex);
			free(hex);
		}
	}
	if ((s = findsub(r, 4)) != NULL && s->have == s->length &&
	    (portnum = parseport(s)) == -1)
		add(r, WARN, "bad-port", "sub-option 4 (WebServerPort) is not "
		    "a port number in ASCII digits (e.g. \"443\" = 343433)");
	if ((s = findsub(r, 2)) != NULL && s->have == s->length &&
	    (s->length != 5 || memcmp(s->value, "https", 5) != 0))
		add(r, WARN, "not-https", "sub-option 2 (URLScheme) is not "
		    "\"https\": certificate provisioning needs https");

	if ((s = findsub(r, 3)) != NULL && s->have == s->length &&
	    (s->have == 0 || !dhcp_is_printable(s->value, s->have)))
		add(r, WARN, "bad-fqdn", "sub-option 3 (WebServerFqdn) is "
		    "empty or not text");
	if ((s = findsub(r, 5)) != NULL && s->have == s->length &&
	    (s->have == 0 || s->value[0] != '/' ||
	    !dhcp_is_printable(s->value, s->have)))
		add(r, WARN, "bad-path", "sub-option 5 (CertProvRelPath) is "
		    "not a path starting with \"/\"");

	scheme = usable(r, 2);
	fqdn = usable(r, 3);
	port = usable(r, 4);
	path = usable(r, 5);
	if (scheme != NULL && fqdn != NULL && port != NULL && path != NULL &&
	    portnum != -1)
		r->sts_uri = xasprintf("%.*s://%.*s:%ld%.*s",
		    (int)scheme->have, (const char *)scheme->value,
		    (int)fqdn->have, (const char *)fqdn->value, portnum,
		    (int)path->have, (const char *)path->value);
}

/*
 * Decode option 43 as flat TLVs: 0x00 pads are skipped and 0xFF ends
 * it.  ndigits is how many hex digits the admin gave (0 if unknown), to
 * recognise Cisco IOS's 180-character cut.
 */
struct dhcp_result *
dhcp_decode43(const unsigned char *p, size_t len, size_t ndigits)
{
	struct dhcp_result	*r;
	const char		*name;
	size_t			 i = 0, l, have;
	int			 code;

	r = result_new(43);
	while (i < len) {
		code = p[i];
		if (code == 0x00) {
			i++;
			continue;
		}
		if (code == 0xff) {
			if (i + 1 < len)
				add(r, WARN, "data-after-end", "%zu byte(s) "
				    "after the 0xFF end mark are ignored",
				    len - i - 1);
			break;
		}
		name = dhcp_subopt_name(43, code);
		if (i + 1 >= len) {
			add(r, WARN, "truncated", "sub-option %d%s%s%s is "
			    "truncated: its length byte is missing", code,
			    name ? " (" : "", name ? name : "", name ? ")" : "");
			break;
		}
		l = p[i + 1];
		have = len - i - 2 < l ? len - i - 2 : l;
		addsub(r, code, l, p + i + 2, have);
		if (have < l) {
			add(r, WARN, "truncated", "sub-option %d%s%s%s is "
			    "truncated: it says %zu bytes, only %zu are there",
			    code, name ? " (" : "", name ? name : "",
			    name ? ")" : "", l, have);
			if (ndigits == DHCP_CISCO_HEX_LIMIT)
				add(r, WARN, "cisco-180", "the value is "
				    "exactly 180 hex characters, Cisco IOS's "
				    "limit for \"option 43 hex\", which "
				    "silently cuts the rest: use \"option ext "
				    "43 hex\" (IOS XE 3.2.1S and later) or a "
				    "shorter FQDN, or set "
				    "dhcp.option43.override.stsUri");
			break;
		}
		i += 2 + l;
	}
	check43(r);
	return r;
}

/* A name being built, label by label: appended in place, not copied. */
struct dname {
	char	*s;		/* NULL until the first label */
	size_t	 len;
	size_t	 cap;
};

/* Append one DNS label to a name being built. */
static void
catlabel(struct dname *d, const unsigned char *p, size_t l)
{
	char	*lab, *n = NULL;
	size_t	 ll;

	if (dhcp_is_printable(p, l))
		lab = xstrndup((const char *)p, l);
	else {
		n = dhcp_hex_format(p, l);
		lab = xasprintf("[%s]", n);
		free(n);
	}
	ll = strlen(lab);
	if (d->len + ll + 2 > d->cap) {
		d->cap = (d->len + ll + 2) * 2;
		d->s = xreallocarray(d->s, d->cap, 1);
	}
	if (d->len > 0)
		d->s[d->len++] = '.';
	memcpy(d->s + d->len, lab, ll + 1);
	d->len += ll;
	free(lab);
}

/* Decode option 120 (RFC 3361): 0 then DNS names, or 1 then IPv4s. */
struct dhcp_result *
dhcp_decode120(const unsigned char *p, size_t len)
{
	struct dhcp_result	*r;
	struct dname		 name = { NULL, 0, 0 };
	size_t			 i, l;

	r = result_new(120);
	if (len == 0) {
		add(r, WARN, "empty", "option 120 is empty");
		return r;
	}
	r->encoding = p[0];
	if (p[0] == 1) {
		add(r, WARN, "ipv4-encoding", "option 120 lists IPv4 "
		    "addresses; Lync/Skype for Business phones need "
		    "encoding 0 (domain names)");
		for (i = 1; i + 4 <= len; i += 4)
			additem(r, xasprintf("%u.%u.%u.%u", p[i], p[i + 1],
			    p[i + 2], p[i + 3]));
		if (r->nitems == 0)
			add(r, WARN, "empty", "option 120 has no address");
		if ((len - 1) % 4 != 0)
			add(r, WARN, "truncated", "option 120 ends with %zu "
			    "byte(s) that are not a whole IPv4 address",
			    (len - 1) % 4);
		return r;
	}
	if (p[0] != 0) {
		add(r, WARN, "bad-encoding", "option 120 encoding byte is %u; "
		    "RFC 3361 defines 0 (names) and 1 (IPv4)", p[0]);
		return r;
	}
	for (i = 1; i < len; ) {
		l = p[i];
		if (l == 0) {
			additem(r, name.s != NULL ? name.s : xstrdup("."));
			memset(&name, 0, sizeof(name));
			i++;
			continue;
		}
		if (l > 63) {
			add(r, WARN, "compression", "label length byte 0x%02zX "
			    "at offset %zu: compression pointers and labels "
			    "over 63 bytes are not allowed here", l, i);
			free(name.s);
			return r;
		}
		if (i + 1 + l > len) {
			add(r, WARN, "truncated", "a label at offset %zu says "
			    "%zu bytes, only %zu are there", i, l,
			    len - i - 1);
			free(name.s);
			return r;
		}
		catlabel(&name, p + i + 1, l);
		i += 1 + l;
	}
	if (name.s != NULL) {
		add(r, WARN, "truncated", "the last name \"%s\" lacks its "
		    "terminating 00 byte", name.s);
		additem(r, name.s);
	}
	if (r->nitems == 0)
		add(r, WARN, "empty", "option 120 has no name");
	return r;
}

/*
 * Decode option 60: RFC 3925 style (enterprise number, length, TLVs,
 * 0xFF end) as Poly phones send it, or a plain class string.
 */
struct dhcp_result *
dhcp_decode60(const unsigned char *p, size_t len)
{
	struct dhcp_result	*r;
	const char		*name;
	char			*hex;
	size_t			 i, end, l, have, dlen;

	r = result_new(60);
	if (len == 0) {
		add(r, WARN, "empty", "option 60 is empty");
		r->encoding = DHCP_60_RAW;
		return r;
	}
	if (dhcp_is_printable(p, len)) {
		r->encoding = DHCP_60_STRING;
		additem(r, xstrndup((const char *)p, len));
		return r;
	}
	if (len < 5 || p[0] != 0) {
		r->encoding = DHCP_60_RAW;
		hex = dhcp_hex_format(p, len);
		additem(r, hex);
		add(r, WARN, "unknown-format", "option 60 is neither text nor "
		    "an RFC 3925 enterprise number with sub-options");
		return r;
	}
	r->encoding = DHCP_60_VIVC;
	r->enterprise = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
	if (r->enterprise != DHCP_POLY_ENTERPRISE)
		add(r, WARN, "not-poly", "enterprise number %u is not "
		    "Polycom's %u", (unsigned int)r->enterprise,
		    DHCP_POLY_ENTERPRISE);
	dlen = p[4];
	end = len;
	if (5 + dlen > len)
		add(r, WARN, "truncated", "the data length says %zu bytes, "
		    "only %zu are there", dlen, len - 5);
	else {
		end = 5 + dlen;
		if (end < len)
			add(r, WARN, "data-after-end", "%zu byte(s) after the "
			    "data length are ignored", len - end);
	}
	for (i = 5; i < end; ) {
		if (p[i] == 0xff)
			break;
		if (p[i] == 0x00) {
			i++;
			continue;
		}
		name = dhcp_subopt_name(60, p[i]);
		if (i + 1 >= end) {
			add(r, WARN, "truncated", "sub-option %d is truncated: "
			    "its length byte is missing", p[i]);
			break;
		}
		l = p[i + 1];
		have = end - i - 2 < l ? end - i - 2 : l;
		addsub(r, p[i], l, p + i + 2, have);
		if (have < l) {
			add(r, WARN, "truncated", "sub-option %d%s%s%s is "
			    "truncated: it says %zu bytes, only %zu are there",
			    p[i], name ? " (" : "", name ? name : "",
			    name ? ")" : "", l, have);
			break;
		}
		i += 2 + l;
	}
	return r;
}

/*
 * Option 66 (TFTP server name) or 160 (the boot-server option UC Software
 * reads by default): a server address, host name or URL as a string,
 * credentials included in practice (diagnosis.md 2.1).  The password
 * never reaches the result: it is replaced by *** here.
 */
struct dhcp_result *
dhcp_decode_boot(int option, const unsigned char *p, size_t len)
{
	static const char *const schemes[] = {
		"ftp", "tftp", "http", "https", "ftps",
	};
	struct dhcp_result	*r;
	const char		*sep, *base;
	char			*raw, *scheme;
	size_t			 n = len, i;

	r = result_new(option);
	while (n > 0 && p[n - 1] == 0)
		n--;
	if (n < len)
		add(r, NOTE, "nul-terminated", "the string ends with %zu NUL "
		    "byte(s), which are not part of the server", len - n);
	if (n == 0) {
		add(r, WARN, "empty", "option %d holds no server", option);
		return r;
	}
	if (!dhcp_is_printable(p, n))
		add(r, WARN, "not-printable", "option %d holds bytes that are "
		    "not printable ASCII; a phone cannot use it as a server",
		    option);
	raw = xstrndup((const char *)p, n);
	if (strlen(raw) != n)
		add(r, WARN, "not-printable", "option %d holds a NUL byte "
		    "inside the string; what follows it is ignored", option);
	additem(r, redact_url(raw));
	if ((sep = strstr(raw, "://")) != NULL) {
		r->encoding = DHCP_BOOT_URL;
		scheme = xstrndup(raw, (size_t)(sep - raw));
		for (i = 0; scheme[i] != '\0'; i++)
			scheme[i] = tolower((unsigned char)scheme[i]);
		additem(r, scheme);
		for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
			if (strcmp(scheme, schemes[i]) == 0)
				break;
		if (i == sizeof(schemes) / sizeof(schemes[0]))
			add(r, WARN, "scheme", "scheme %s: phones provision "
			    "over FTP, TFTP, HTTP, HTTPS and FTPS", scheme);
		if (strcmp(r->items[0], raw) != 0)
			add(r, NOTE, "credentials", "the URL carries a user "
			    "and password (shown as ***); the phone uses them "
			    "only if the server accepts URL credentials");
		base = strrchr(sep + 3, '/');
		if (base != NULL && strlen(base + 1) >= 5 &&
		    strcasecmp(base + strlen(base) - 4, ".cfg") == 0)
			add(r, NOTE, "master-in-url", "the URL names the "
			    "master %s: the phone reads it, and tries "
			    "<MAC>.cfg and 000000000000.cfg only when it "
			    "cannot be downloaded", base + 1);
	} else if (strspn(raw, "0123456789.") == n)
		r->encoding = DHCP_BOOT_ADDRESS;
	else {
		r->encoding = DHCP_BOOT_NAME;
		if (strspn(raw, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != n)
			add(r, WARN, "bad-server", "option %d is neither a "
			    "URL, an address nor a host name", option);
	}
	free(raw);
	return r;
}

static struct dhcp_result *
decode_as(int option, const unsigned char *p, size_t len, size_t ndigits)
{
	switch (option) {
	case 43:
		return dhcp_decode43(p, len, ndigits);
	case 120:
		return dhcp_decode120(p, len);
	case 60:
		return dhcp_decode60(p, len);
	case 66:
	case 160:
		return dhcp_decode_boot(option, p, len);
	}
	return NULL;
}

/* Does r carry a warning with this code? */
int
dhcp_haswarn(const struct dhcp_result *r, const char *code)
{
	size_t	i;

	for (i = 0; i < r->nwarns; i++)
		if (strcmp(r->warns[i].code, code) == 0)
			return 1;
	return 0;
}

/* Do the n bytes at p decode as option without a cut sub-option? */
static int
complete(int option, const unsigned char *p, size_t n)
{
	struct dhcp_result	*r;
	int			 ok;

	r = decode_as(option, p, n, 0);
	ok = r != NULL && !dhcp_haswarn(r, "truncated");
	dhcp_result_free(r);
	return ok;
}

/*
 * Decode the given option number; NULL if it is not one we know.  Guides
 * and packet captures print a value with its option code and length in
 * front ("2b 5a ..."), and may end it with the packet's End option (ff):
 * both are recognised, dropped and named in a note, and so are the 00
 * pads that follow the End option in a capture.  Option 43 itself ends
 * at an ff, so there only the header and pad cases apply.
 */
struct dhcp_result *
dhcp_decode(int option, const unsigned char *p, size_t len, size_t ndigits)
{
	struct dhcp_result	*r;
	size_t			 total = len, vlen, pads = 0;
	int			 prefixed = 0, ended = 0;

	/* A capture pads the packet with 00 after its End option. */
	while (pads < len && p[len - 1 - pads] == 0x00)
		pads++;
	if (pads > 0 && pads < len && p[len - 1 - pads] == 0xff &&
	    complete(option, p, len - pads))
		len -= pads;
	else
		pads = 0;
	vlen = len;
	if (len >= 2 && p[0] == option && (p[1] == len - 2 ||
	    (p[1] == len - 3 && p[len - 1] == 0xff))) {
		prefixed = 1;
		ended = p[1] == len - 3;
		vlen = p[1];
		p += 2;
	}
	/* 43 ends at ff itself; others only if complete without. */
	if (!ended && option != 43 && vlen >= 2 && p[vlen - 1] == 0xff &&
	    complete(option, p, vlen - 1)) {
		ended = 1;
		vlen--;
	}
	if (ndigits >= 2 * (total - vlen))
		ndigits -= 2 * (total - vlen);
	r = decode_as(option, p, vlen, ndigits);
	if (r == NULL)
		return NULL;
	if (prefixed)
		add(r, NOTE, "option-header", "the value starts with its "
		    "option code and length (option %d, length %u): those two "
		    "bytes were dropped", option, p[-1]);
	if (ended)
		add(r, NOTE, "end-option", "the trailing ff is the DHCP End "
		    "option, not part of option %d: ignored", option);
	if (pads > 0)
		add(r, NOTE, "padding", "%zu pad byte(s) 00 after the DHCP End "
		    "option (ff) are ignored", pads);
	if (r->nwarns > 0 && !prefixed && len >= 2 && p[0] != option &&
	    (p[0] == 43 || p[0] == 60 || p[0] == 120) && (p[1] == len - 2 ||
	    (p[1] == len - 3 && p[len - 1] == 0xff)))
		add(r, WARN, "option-header", "the value may start with the "
		    "code and length of option %d (length %u): drop the first "
		    "two bytes, or decode it with --option %d", p[0], p[1],
		    p[0]);
	return r;
}

static int
putsub(unsigned char *buf, size_t *n, int code, const char *s, size_t l)
{
	if (l > 255)
		return -1;
	buf[(*n)++] = (unsigned char)code;
	buf[(*n)++] = (unsigned char)l;
	memcpy(buf + *n, s, l);
	*n += l;
	return 0;
}

/*
 * Encode option 43 for an FQDN the way DHCPUtil does: sub-options 1 to 5,
 * no pads, no end byte.  NULL scheme or path and port 0 mean the defaults.
 */
int
dhcp_encode43(const char *fqdn, unsigned int port, const char *scheme,
    const char *path, unsigned char **out, size_t *outlen, char **cause)
{
	unsigned char	*buf;
	char		 ports[8];
	size_t		 n = 0, i;

	if (scheme == NULL)
		scheme = DHCP_DEFAULT_SCHEME;
	if (path == NULL)
		path = DHCP_DEFAULT_PATH;
	if (port == 0)
		port = DHCP_DEFAULT_PORT;
	if (port > 65535) {
		*cause = xasprintf("port %u is out of range", port);
		return -1;
	}
	if (*fqdn == '\0') {
		*cause = xstrdup("the FQDN is empty");
		return -1;
	}
	for (i = 0; fqdn[i] != '\0'; i++)
		if (!isalnum((unsigned char)fqdn[i]) && fqdn[i] != '.' &&
		    fqdn[i] != '-') {
			*cause = xasprintf("bad character '%c' in FQDN "
			    "\"%s\"", fqdn[i], fqdn);
			return -1;
		}
	if (!dhcp_is_printable((const unsigned char *)path, strlen(path)) ||
	    !dhcp_is_printable((const unsigned char *)scheme, strlen(scheme))) {
		*cause = xstrdup("scheme and path must be printable ASCII");
		return -1;
	}
	snprintf(ports, sizeof ports, "%u", port);
	buf = xmalloc(5 * 257);
	if (putsub(buf, &n, 1, DHCP_MSUC_CLASS, strlen(DHCP_MSUC_CLASS)) ||
	    putsub(buf, &n, 2, scheme, strlen(scheme)) ||
	    putsub(buf, &n, 3, fqdn, strlen(fqdn)) ||
	    putsub(buf, &n, 4, ports, strlen(ports)) ||
	    putsub(buf, &n, 5, path, strlen(path))) {
		free(buf);
		*cause = xstrdup("a sub-option value is longer than 255 bytes");
		return -1;
	}
	*out = buf;
	*outlen = n;
	return 0;
}
