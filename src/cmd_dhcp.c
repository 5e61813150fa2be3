/*
 * polyaudit dhcp decode|encode|probe: DHCP options 43, 120 and 60 as a
 * Skype for Business phone sees them, and the boot server (66, 160).
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dhcp.h"
#include "dhcp_probe.h"
#include "report.h"
#include "vis.h"
#include "xalloc.h"

static const char decode_usage[] =
"usage: polyaudit dhcp decode [--option 43|120|60|66|160] [--format text|json]\n"
"                             HEX...\n"
"\n"
"Decode a DHCP option value given as hex, as pasted from a DHCP server\n"
"or a packet capture: spaces, colons, dots (Cisco 0104.4d53...) and 0x\n"
"prefixes are ignored; several HEX arguments are joined.  A value that\n"
"starts with its own option code and length, or ends with the DHCP End\n"
"option (ff), is decoded without them, with a note.\n"
"\n"
"  --option N     43 (MS-UC-Client vendor options, default), 120 (SIP\n"
"                 servers, RFC 3361), 60 (vendor class), 66 or 160 (the\n"
"                 boot server: address, name or URL; a password in it is\n"
"                 shown as ***)\n"
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
	int	mask = report_offered(REPORT_DHCP);

	if (report_format(s, mask, fmt) == -1)
		return usage_error("bad --format '%s': %s", s,
		    report_format_list(mask));
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

/* Report why subcommand sub failed; frees cause, returns the exit status. */
static int
failed(const char *sub, char *cause)
{
	vis_fprintf(stderr, "%s: dhcp %s: %s\n", cmd_progname, sub, cause);
	free(cause);
	return EXIT_TROUBLE;
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
	struct dhcpview			 dv;
	struct report			 rep;
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
			if (option != 43 && option != 120 && option != 60 &&
			    option != 66 && option != 160)
				return usage_error("--option %ld: only 43, "
				    "120, 60, 66 and 160 are decoded", option);
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
	dv.r = r;
	dv.len = len;
	report_open(&rep, fmt, NULL, NULL);
	report_dhcp_option(&rep, &dv);
	report_close(&rep, NULL);
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
	struct dhcp_encview		 ev;
	struct report			 rep;
	enum format			 fmt = FMT_TEXT;
	const char			*fqdn = NULL;
	unsigned char			*buf;
	char				*hex, *cause;
	size_t				 len;
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

	ev.r = r;
	ev.hex = hex;
	ev.len = len;
	ev.toolong = toolong;
	report_open(&rep, fmt, NULL, NULL);
	report_dhcp_encode(&rep, &ev);
	report_close(&rep, NULL);
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
	struct dhcp_probeview		 pv;
	struct report			 rep;
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

	pv.server = a.server ? a.server : "255.255.255.255";
	pv.got = got == 1;
	pv.rp = rp;
	pv.r43 = r43;
	pv.r120 = r120;
	pv.problem = nomsg;
	report_open(&rep, fmt, NULL, NULL);
	report_dhcp_probe(&rep, &pv);
	report_close(&rep, NULL);
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
