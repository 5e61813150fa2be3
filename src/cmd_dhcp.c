/*
 * polyaudit dhcp decode|encode|probe: DHCP options 43, 120 and 60 as a
 * Skype for Business phone sees them.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd.h"
#include "dhcp.h"
#include "dhcp_probe.h"
#include "xalloc.h"

enum format { FMT_TEXT, FMT_JSON };

static const char decode_usage[] =
"usage: polyaudit dhcp decode [--option 43|120|60] [--format text|json] HEX...\n"
"\n"
"Decode a DHCP option value given as hex, as pasted from a DHCP server\n"
"or a packet capture: spaces, colons, dots (Cisco 0104.4d53...) and 0x\n"
"prefixes are ignored; several HEX arguments are joined.  A value that\n"
"starts with its own option code and length, or ends with the DHCP End\n"
"option (ff), is decoded without them, with a note.\n"
"\n"
"  --option N     43 (MS-UC-Client vendor options, default), 120 (SIP\n"
"                 servers, RFC 3361) or 60 (vendor class)\n"
"  --format F     text (default) or json\n"
"\n"
"Exit status: 0 decoded cleanly (notes allowed), 1 decoded with warnings,\n"
"2 error.\n";

static const char encode_usage[] =
"usage: polyaudit dhcp encode --fqdn FQDN [--port N] [--format text|json]\n"
"\n"
"Build option 43 (MS-UC-Client) for the pool's internal web FQDN and\n"
"print it as hex, as netsh lines for a Windows DHCP server and as a\n"
"Cisco IOS line.\n"
"\n"
"  --fqdn FQDN    the Lync/Skype for Business pool web server FQDN\n"
"  --port N       web server port (default 443)\n"
"  --format F     text (default) or json\n"
"\n"
"Exit status: 0 done, 1 the hex exceeds Cisco IOS's 180-character\n"
"\"option 43 hex\" limit, 2 error.\n";

static const char probe_usage[] =
"usage: polyaudit dhcp probe [--server IP] [--interface IF] [--timeout S]\n"
"           [--format text|json]\n"
"\n"
"Send a DHCPINFORM as a Skype for Business phone does (vendor class\n"
"MS-UC-Client, asking for options 43 and 120) and decode the DHCPACK.\n"
"Binding UDP port 68 needs root or CAP_NET_BIND_SERVICE.\n"
"\n"
"  --server IP        send unicast to this DHCP server (default: broadcast)\n"
"  --interface IF     send and listen on this interface only\n"
"  --timeout S        seconds to wait for the answer (default 5)\n"
"  --format F         text (default) or json\n"
"  --server-port N    test/lab only: server port instead of 67\n"
"  --client-port N    test/lab only: local port instead of 68\n"
"\n"
"Exit status: 0 option 43 received and clean, 1 no answer or a missing\n"
"or bad option 43, 2 error (e.g. cannot bind port 68).\n";

static int
parse_format(const char *s, enum format *fmt)
{
	if (strcmp(s, "text") == 0)
		*fmt = FMT_TEXT;
	else if (strcmp(s, "json") == 0)
		*fmt = FMT_JSON;
	else
		return usage_error("bad --format '%s': text or json", s);
	return 0;
}

static int
parse_num(const char *s, long lo, long hi, const char *what, long *out)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < lo || v > hi)
		return usage_error("bad %s '%s': %ld to %ld", what, s, lo, hi);
	*out = v;
	return 0;
}

/* A value as text if printable, else as hex; caller frees. */
static char *
showvalue(const unsigned char *p, size_t len)
{
	if (dhcp_is_printable(p, len))
		return xstrndup((const char *)p, len);
	return dhcp_hex_format(p, len);
}

static json_t *
json_subs(const struct dhcp_result *r)
{
	json_t	*a, *o;
	char	*v;
	size_t	 i;

	a = json_array();
	for (i = 0; i < r->nsubs; i++) {
		v = showvalue(r->subs[i].value, r->subs[i].have);
		o = json_pack("{s:i, s:I, s:s}", "code", r->subs[i].code,
		    "length", (json_int_t)r->subs[i].length, "value", v);
		free(v);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
json_strings(char **items, size_t n)
{
	json_t	*a;
	size_t	 i;

	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(items[i]));
	return a;
}

static json_t *
json_warnings(const struct dhcp_warning *v, size_t n)
{
	json_t	*a;
	size_t	 i;

	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "code",
		    v[i].code, "message", v[i].message));
	return a;
}

static json_t *
json_result(const struct dhcp_result *r)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "option", json_integer(r->option));
	switch (r->option) {
	case 43:
		json_object_set_new(o, "suboptions", json_subs(r));
		json_object_set_new(o, "sts_uri", r->sts_uri ?
		    json_string(r->sts_uri) : json_null());
		break;
	case 120:
		json_object_set_new(o, "encoding", json_integer(r->encoding));
		json_object_set_new(o, r->encoding == 1 ? "addresses" :
		    "names", json_strings(r->items, r->nitems));
		break;
	case 60:
		if (r->encoding == DHCP_60_VIVC) {
			json_object_set_new(o, "format",
			    json_string("rfc3925"));
			json_object_set_new(o, "enterprise",
			    json_integer(r->enterprise));
			json_object_set_new(o, "suboptions", json_subs(r));
		} else {
			json_object_set_new(o, "format", json_string(
			    r->encoding == DHCP_60_STRING ? "string" : "hex"));
			json_object_set_new(o, "value", r->nitems ?
			    json_string(r->items[0]) : json_null());
		}
		break;
	}
	json_object_set_new(o, "warnings", json_warnings(r->warns,
	    r->nwarns));
	json_object_set_new(o, "notes", json_warnings(r->notes, r->nnotes));
	return o;
}

/* Print o and release it. */
static void
json_print(json_t *o)
{
	char	*s;

	s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	printf("%s\n", s);
	free(s);
	json_decref(o);
}

/* Report why subcommand sub failed; frees cause, returns the exit status. */
static int
failed(const char *sub, char *cause)
{
	fprintf(stderr, "%s: dhcp %s: %s\n", cmd_progname, sub, cause);
	free(cause);
	return EXIT_TROUBLE;
}

static void
text_subs(const struct dhcp_result *r)
{
	const struct dhcp_subopt	*s;
	const char			*name;
	char				*v;
	size_t				 i;

	for (i = 0; i < r->nsubs; i++) {
		s = &r->subs[i];
		name = dhcp_subopt_name(r->option, s->code);
		v = showvalue(s->value, s->have);
		printf("  %3d  %-24s %3zu  %s%s", s->code,
		    name ? name : "(unknown)", s->length,
		    dhcp_is_printable(s->value, s->have) ? "" : "hex ", v);
		if (s->have != s->length)
			printf("  [cut: only %zu of %zu bytes]", s->have,
			    s->length);
		printf("\n");
		free(v);
	}
}

static void
text_result(const struct dhcp_result *r, size_t len)
{
	size_t	i;

	switch (r->option) {
	case 43:
		printf("option 43 (MS-UC-Client vendor options), %zu bytes\n",
		    len);
		printf("  code name                     len  value\n");
		text_subs(r);
		printf("STS URI: %s\n", r->sts_uri ? r->sts_uri :
		    "(cannot be composed)");
		break;
	case 120:
		printf("option 120 (SIP servers, RFC 3361), %zu bytes, "
		    "encoding %d (%s)\n", len, r->encoding,
		    r->encoding == 0 ? "domain names" : r->encoding == 1 ?
		    "IPv4 addresses" : "unknown");
		for (i = 0; i < r->nitems; i++)
			printf("  %s\n", r->items[i]);
		break;
	case 60:
		if (r->encoding == DHCP_60_VIVC) {
			printf("option 60 (vendor class), %zu bytes, RFC 3925 "
			    "form, enterprise %u%s\n", len,
			    (unsigned int)r->enterprise,
			    r->enterprise == DHCP_POLY_ENTERPRISE ?
			    " (Polycom)" : "");
			text_subs(r);
		} else
			printf("option 60 (vendor class), %zu bytes, %s: %s\n",
			    len, r->encoding == DHCP_60_STRING ? "string" :
			    "hex", r->nitems ? r->items[0] : "");
		break;
	}
	for (i = 0; i < r->nnotes; i++)
		printf("note [%s]: %s\n", r->notes[i].code,
		    r->notes[i].message);
	for (i = 0; i < r->nwarns; i++)
		printf("warning [%s]: %s\n", r->warns[i].code,
		    r->warns[i].message);
}

static int
cmd_dhcp_decode(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "option", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dhcp_result		*r;
	enum format			 fmt = FMT_TEXT;
	unsigned char			*buf;
	char				*hex, *cause, *t;
	size_t				 len, ndigits;
	long				 option = 43;
	int				 ch, i, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "o:f:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			if (parse_num(optarg, 1, 254, "--option", &option) != 0)
				return EXIT_TROUBLE;
			if (option != 43 && option != 120 && option != 60)
				return usage_error("--option %ld: only 43, "
				    "120 and 60 are decoded", option);
			break;
		case 'f':
			if (parse_format(optarg, &fmt) != 0)
				return EXIT_TROUBLE;
			break;
		case 'h':
			fputs(decode_usage, stdout);
			return EXIT_CLEAN;
		default:
			return usage_error("dhcp decode: bad option");
		}
	}
	if (optind >= argc)
		return usage_error("dhcp decode: no HEX given");
	hex = xstrdup(argv[optind]);
	for (i = optind + 1; i < argc; i++) {
		t = xasprintf("%s %s", hex, argv[i]);
		free(hex);
		hex = t;
	}
	rc = dhcp_hex_parse(hex, &buf, &len, &ndigits, &cause);
	free(hex);
	if (rc == -1)
		return failed("decode", cause);
	r = dhcp_decode((int)option, buf, len, ndigits);
	if (fmt == FMT_JSON)
		json_print(json_result(r));
	else
		text_result(r, len);
	rc = r->nwarns != 0 ? EXIT_FINDINGS : EXIT_CLEAN;
	dhcp_result_free(r);
	free(buf);
	return rc;
}

static int
cmd_dhcp_encode(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "fqdn", required_argument, NULL, 'q' },
		{ "port", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dhcp_result		*r;
	enum format			 fmt = FMT_TEXT;
	const char			*fqdn = NULL;
	unsigned char			*buf;
	char				*hex, *cause, *sub;
	size_t				 len, i;
	long				 port = DHCP_DEFAULT_PORT;
	int				 ch, toolong;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "q:p:f:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'q':
			fqdn = optarg;
			break;
		case 'p':
			if (parse_num(optarg, 1, 65535, "--port", &port) != 0)
				return EXIT_TROUBLE;
			break;
		case 'f':
			if (parse_format(optarg, &fmt) != 0)
				return EXIT_TROUBLE;
			break;
		case 'h':
			fputs(encode_usage, stdout);
			return EXIT_CLEAN;
		default:
			return usage_error("dhcp encode: bad option");
		}
	}
	if (optind != argc)
		return usage_error("dhcp encode: unexpected argument '%s'",
		    argv[optind]);
	if (fqdn == NULL)
		return usage_error("dhcp encode: --fqdn is required");
	if (dhcp_encode43(fqdn, (unsigned int)port, NULL, NULL, &buf, &len,
	    &cause) == -1)
		return failed("encode", cause);
	hex = dhcp_hex_format(buf, len);
	r = dhcp_decode43(buf, len, 0);
	toolong = 2 * len > DHCP_CISCO_HEX_LIMIT;

	if (fmt == FMT_JSON) {
		json_t	*o, *subs;

		subs = json_array();
		for (i = 0; i < r->nsubs; i++) {
			sub = dhcp_hex_format(r->subs[i].value,
			    r->subs[i].have);
			json_array_append_new(subs, json_pack("{s:i, s:s, "
			    "s:s}", "code", r->subs[i].code, "name",
			    dhcp_subopt_name(43, r->subs[i].code), "hex",
			    sub));
			free(sub);
		}
		o = json_pack("{s:i, s:s, s:s?, s:I, s:o, s:s, s:b}",
		    "option", 43, "hex", hex, "sts_uri", r->sts_uri,
		    "length", (json_int_t)len, "suboptions", subs,
		    "cisco_ios", toolong ? "option ext 43 hex" :
		    "option 43 hex", "exceeds_cisco_180", toolong);
		json_print(o);
	} else {
		printf("option 43 for %s\n", r->sts_uri);
		printf("%zu bytes, %zu hex characters:\n%s\n\n", len,
		    2 * len, hex);
		printf("Windows DHCP server (netsh, as DHCPConfigScript.bat "
		    "does):\n");
		printf("netsh dhcp server add class MSUCClient "
		    "\"UC Vendor Class Id\" \"" DHCP_MSUC_CLASS "\" 1\n");
		for (i = 0; i < r->nsubs; i++)
			printf("netsh dhcp server add optiondef %d %s Binary 0 "
			    "vendor=MSUCClient\n", r->subs[i].code,
			    dhcp_subopt_name(43, r->subs[i].code));
		for (i = 0; i < r->nsubs; i++) {
			sub = dhcp_hex_format(r->subs[i].value,
			    r->subs[i].have);
			printf("netsh dhcp server set optionvalue %d Binary "
			    "vendor=MSUCClient %s\n", r->subs[i].code, sub);
			free(sub);
		}
		printf("\nCisco IOS (ip dhcp pool):\n");
		if (toolong) {
			printf("option ext 43 hex %s\n", hex);
			printf("warning [cisco-180]: %zu hex characters exceed "
			    "the 180 that \"option 43 hex\" keeps; Cisco IOS "
			    "would silently cut the path: use \"option ext 43 "
			    "hex\" (IOS XE 3.2.1S and later) as above, a "
			    "shorter FQDN, or dhcp.option43.override.stsUri\n",
			    2 * len);
		} else
			printf("option 43 hex %s\n", hex);
	}
	free(hex);
	free(buf);
	dhcp_result_free(r);
	return toolong ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int
cmd_dhcp_probe(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "interface", required_argument, NULL, 'i' },
		{ "timeout", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "server-port", required_argument, NULL, 'S' },
		{ "client-port", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dhcp_probe_args		 a;
	struct dhcp_probe_reply		*rp;
	struct dhcp_result		*r43 = NULL, *r120 = NULL;
	enum format			 fmt = FMT_TEXT;
	char				*cause, *nomsg = NULL;
	long				 v;
	int				 ch, got, rc;

	memset(&a, 0, sizeof a);
	a.timeout = 5;
	a.server_port = DHCP_SERVER_PORT;
	a.client_port = DHCP_CLIENT_PORT;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "s:i:t:f:S:C:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 's':
			a.server = optarg;
			break;
		case 'i':
			a.interface = optarg;
			break;
		case 't':
			if (parse_num(optarg, 1, 3600, "--timeout", &v) != 0)
				return EXIT_TROUBLE;
			a.timeout = (int)v;
			break;
		case 'f':
			if (parse_format(optarg, &fmt) != 0)
				return EXIT_TROUBLE;
			break;
		case 'S':
			if (parse_num(optarg, 1, 65535, "--server-port",
			    &v) != 0)
				return EXIT_TROUBLE;
			a.server_port = (unsigned int)v;
			break;
		case 'C':
			if (parse_num(optarg, 1, 65535, "--client-port",
			    &v) != 0)
				return EXIT_TROUBLE;
			a.client_port = (unsigned int)v;
			break;
		case 'h':
			fputs(probe_usage, stdout);
			return EXIT_CLEAN;
		default:
			return usage_error("dhcp probe: bad option");
		}
	}
	if (optind != argc)
		return usage_error("dhcp probe: unexpected argument '%s'",
		    argv[optind]);

	rp = xcalloc(1, sizeof *rp);
	if ((got = dhcp_probe_run(&a, rp, &cause)) == -1) {
		free(rp);
		return failed("probe", cause);
	}
	if (got == 0)
		nomsg = xasprintf("no answer to the DHCPINFORM sent to %s "
		    "port %u within %d s: either the server does not answer "
		    "DHCPINFORM (not every DHCP server does), or its unicast "
		    "DHCPACK is dropped on its way to UDP port %u on this "
		    "host (a firewall blocking UDP %u in)",
		    a.server ? a.server : "255.255.255.255", a.server_port,
		    a.timeout, a.client_port, a.client_port);
	else {
		if (rp->has43)
			r43 = dhcp_decode43(rp->opt43, rp->len43, 0);
		if (rp->has120)
			r120 = dhcp_decode120(rp->opt120, rp->len120);
		if (!rp->has43)
			nomsg = xasprintf("the %s from %s has no option 43: "
			    "the server has no MS-UC-Client vendor class "
			    "options (or they are not in scope), so the "
			    "phone gets no certificate provisioning URL and "
			    "shows no PIN authentication",
			    rp->msgtype == 5 ? "DHCPACK" : "reply", rp->from);
	}
	rc = (got == 1 && r43 != NULL && r43->nwarns == 0) ?
	    EXIT_CLEAN : EXIT_FINDINGS;

	if (fmt == FMT_JSON) {
		json_t	*o;

		o = json_object();
		json_object_set_new(o, "server", json_string(a.server ?
		    a.server : "255.255.255.255"));
		json_object_set_new(o, "answered", json_boolean(got == 1));
		json_object_set_new(o, "from", got ? json_string(rp->from) :
		    json_null());
		json_object_set_new(o, "message_type", got ?
		    json_integer(rp->msgtype) : json_null());
		json_object_set_new(o, "option43", r43 ? json_result(r43) :
		    json_null());
		json_object_set_new(o, "option120", r120 ?
		    json_result(r120) : json_null());
		json_object_set_new(o, "problem", nomsg ? json_string(nomsg) :
		    json_null());
		json_print(o);
	} else {
		if (got == 1)
			printf("%s (DHCP message type %d) from %s\n",
			    rp->msgtype == 5 ? "DHCPACK" : rp->msgtype == 6 ?
			    "DHCPNAK" : "reply", rp->msgtype, rp->from);
		if (r43 != NULL)
			text_result(r43, rp->len43);
		if (r120 != NULL)
			text_result(r120, rp->len120);
		else if (got == 1)
			printf("no option 120 (SIP servers)\n");
		if (nomsg != NULL)
			printf("problem: %s\n", nomsg);
	}
	free(nomsg);
	dhcp_result_free(r43);
	dhcp_result_free(r120);
	free(rp);
	return rc;
}

/* polyaudit dhcp SUBCOMMAND ... */
int
cmd_dhcp(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("dhcp: decode, encode or probe expected");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		printf("%s\n%s\n%s", decode_usage, encode_usage, probe_usage);
		return EXIT_CLEAN;
	}
	if (strcmp(argv[1], "decode") == 0)
		return cmd_dhcp_decode(argc - 1, argv + 1);
	if (strcmp(argv[1], "encode") == 0)
		return cmd_dhcp_encode(argc - 1, argv + 1);
	if (strcmp(argv[1], "probe") == 0)
		return cmd_dhcp_probe(argc - 1, argv + 1);
	return usage_error("dhcp: unknown subcommand '%s'", argv[1]);
}
