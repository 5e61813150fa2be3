/*
 * polyaudit dhcp decode|encode|probe: DHCP options 43, 120 and 60 as a
 * Skype for Business phone sees them, and the boot server (66, 160).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dhcp.h"
#include "dhcp_probe.h"
#include "report.h"
#include "vis.h"
#include "xalloc.h"

static int	dhcp_decode_exec(const struct cmd_args *);
static int	dhcp_encode_exec(const struct cmd_args *);
static int	dhcp_probe_exec(const struct cmd_args *);

static const struct cmd decode_entry = {
	.name = "decode",
	.options = "[--option 43|120|60|66|160]",
	.report = REPORT_DHCP,
	.args = "HEX...",
	.minargs = 1,
	.maxargs = -1,
	.help =
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
"2 error.\n",
	.exec = dhcp_decode_exec,
};

static const struct cmd encode_entry = {
	.name = "encode",
	.options = "--fqdn FQDN [--port N<=65535]",
	.report = REPORT_DHCP,
	.help =
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
"\"option 43 hex\" limit, 2 error.\n",
	.exec = dhcp_encode_exec,
};

static const struct cmd probe_entry = {
	.name = "probe",
	.options = "[--server IP] [--interface IF] [--timeout S<=3600] "
	    "[--server-port N<=65535] [--client-port N<=65535]",
	.report = REPORT_DHCP,
	.help =
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
"or bad option 43, 2 error (e.g. cannot bind port 68).\n",
	.exec = dhcp_probe_exec,
};

static const struct cmd *const dhcp_subs[] = {
	&decode_entry, &encode_entry, &probe_entry, NULL
};

const struct cmd cmd_dhcp_entry = {
	.name = "dhcp",
	.subs = dhcp_subs,
};

/* Report why subcommand sub failed; frees cause, returns the exit status. */
static int
failed(const char *sub, char *cause)
{
	vis_fprintf(stderr, "%s: dhcp %s: %s\n", cmd_progname, sub, cause);
	free(cause);
	return EXIT_TROUBLE;
}

/* Print v, the subcommand's one view, in the --format asked for. */
static void
print(const struct cmd_args *a, const struct dhcpview *v)
{
	struct report	rep;

	report_open(&rep, args_format(a), NULL, NULL);
	report_dhcp(&rep, v);
	report_close(&rep, NULL);
}

static int
dhcp_decode_exec(const struct cmd_args *a)
{
	struct dhcpview			 v = { .kind = DHCP_DECODE };
	struct dhcp_result		*r;
	const char *const		*hexv;
	unsigned char			*buf;
	char				*hex, *cause, *t;
	size_t				 ndigits, n, i;
	long				 option = 43;
	int				 rc;

	if (args_has(a, "option"))
		option = strtol(args_get(a, "option"), NULL, 10);
	hexv = args_operands(a, &n);
	hex = xstrdup(hexv[0]);
	for (i = 1; i < n; i++) {
		t = xasprintf("%s %s", hex, hexv[i]);
		free(hex);
		hex = t;
	}
	rc = dhcp_hex_parse(hex, &buf, &v.len, &ndigits, &cause);
	free(hex);
	if (rc == -1)
		return failed("decode", cause);
	v.r = r = dhcp_decode((int)option, buf, v.len, ndigits);
	print(a, &v);
	rc = r->nwarns != 0 ? EXIT_FINDINGS : EXIT_CLEAN;
	dhcp_result_free(r);
	free(buf);
	return rc;
}

static int
dhcp_encode_exec(const struct cmd_args *a)
{
	struct dhcpview			 v = { .kind = DHCP_ENCODE };
	struct dhcp_result		*r;
	const char			*fqdn = args_get(a, "fqdn");
	unsigned char			*buf;
	char				*hex, *cause;
	long				 port;

	port = args_num(a, "port", DHCP_DEFAULT_PORT);
	if (dhcp_encode43(fqdn, (unsigned int)port, NULL, NULL, &buf, &v.len,
	    &cause) == -1)
		return failed("encode", cause);
	v.hex = hex = dhcp_hex_format(buf, v.len);
	v.r = r = dhcp_decode43(buf, v.len, 0);
	v.toolong = 2 * v.len > DHCP_CISCO_HEX_LIMIT;
	print(a, &v);
	free(hex);
	free(buf);
	dhcp_result_free(r);
	return v.toolong ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int
dhcp_probe_exec(const struct cmd_args *args)
{
	struct dhcp_probe_args		 a;
	struct dhcp_probe_reply		*rp;
	struct dhcp_result		*r43 = NULL, *r120 = NULL;
	struct dhcpview			 v = { .kind = DHCP_PROBE };
	char				*cause, *nomsg = NULL;
	int				 got, rc;

	memset(&a, 0, sizeof a);
	a.server = args_get(args, "server");
	a.interface = args_get(args, "interface");
	a.timeout = (int)args_num(args, "timeout", 5);
	a.server_port = (unsigned int)args_num(args, "server-port",
	    DHCP_SERVER_PORT);
	a.client_port = (unsigned int)args_num(args, "client-port",
	    DHCP_CLIENT_PORT);

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

	v.server = a.server ? a.server : "255.255.255.255";
	v.got = got == 1;
	v.rp = rp;
	v.r = r43;
	v.r120 = r120;
	v.problem = nomsg;
	print(args, &v);
	free(nomsg);
	dhcp_result_free(r43);
	dhcp_result_free(r120);
	free(rp);
	return rc;
}
