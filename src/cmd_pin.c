/*
 * polyaudit pin: should this phone offer PIN sign-in?  The share, and
 * when given the live phone and the DHCP option 43 value, as evidence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "dhcp.h"
#include "inventory.h"
#include "merge.h"
#include "phone.h"
#include "pin.h"
#include "report.h"
#include "resolve.h"
#include "share.h"
#include "vis.h"

static int	cmd_pin(const struct cmd_args *);

const struct cmd cmd_pin_entry = {
	.name = "pin",
	.options = CLI_TARGET " [--option43 HEX] [--phone HOST[:PORT]] "
	    CLI_PHONE " " CLI_REMOTE " [--output FILE]",
	.report = REPORT_PIN,
	.help =
"One verdict, \"PIN sign-in should be offered: yes / no / cannot tell\",\n"
"with the evidence: usePinCredentials per registration, the base profile,\n"
"switches that hide sign-in, and where the STS URI comes from (the\n"
"dhcp.option43.override.stsUri override, or DHCP option 43 given as HEX).\n"
"With --phone the phone's running values are read and take precedence;\n"
"the phone options (--user to --timeout) apply to it.\n"
"Exit status: 0 yes, 1 no or cannot tell, 2 error.\n",
	.exec = cmd_pin,
};

static size_t
names_for(void *arg, const struct phone_identity *id, const char *const **names)
{
	size_t	n = 0;

	while (pin_phone_names[n] != NULL)
		n++;
	*names = pin_phone_names;
	return n;
}

static void
done(void *arg, struct phone_result *res)
{
	*(struct phone_result **)arg = res;
}

/* Read the pin set from one phone; NULL only if the engine could not run. */
static struct phone_result *
ask_phone(struct cli_phone *ph, char *host, unsigned port, const char *mac)
{
	struct phone_result	*res = NULL;
	struct phone_target	 t;
	struct phone_cb		 cb;
	char			*cause = NULL;

	memset(&t, 0, sizeof(t));
	t.host = host;
	t.port = port;
	t.mac = mac;
	cb.names_for = names_for;
	cb.done = done;
	cb.progress = NULL;
	cb.arg = &res;
	if (phone_run(&ph->po, &t, 1, &cb, &cause) == -1) {
		vis_fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		free(cause);
	}
	return res;
}

static int
cmd_pin(const struct cmd_args *a)
{
	struct cli_target	 t;
	struct cli_phone	 ph;
	struct resolution	 r;
	struct pin_input	 in = { NULL, NULL, NULL };
	struct pin_report	 pr;
	struct report		 rep;
	struct share		*sh = NULL;
	struct phone_result	*res = NULL;
	struct dhcp_result	*opt43 = NULL;
	enum format		 fmt = args_format(a);
	const char		*phone, *hex, *output, *why;
	unsigned char		*bytes = NULL;
	size_t			 nbytes, ndigits;
	char			*cause = NULL, *host = NULL;
	unsigned		 port = 0;
	int			 rc;

	if (cli_target_get(a, &t) == -1)
		return EXIT_TROUBLE;
	if (cli_phone_get(a, &ph) == -1)
		return EXIT_TROUBLE;
	memset(&r, 0, sizeof(r));
	phone = args_get(a, "phone");
	hex = args_get(a, "option43");
	output = args_get(a, "output");
	if (phone != NULL &&
	    inventory_hostport(phone, &host, &port, &why) == -1)
		return usage_error("pin: bad --phone '%s': %s", phone, why);
	if (hex != NULL) {
		if (dhcp_hex_parse(hex, &bytes, &nbytes, &ndigits, &cause) ==
		    -1) {
			rc = usage_error("pin: --option43: %s", cause);
			free(cause);
			free(host);
			return rc;
		}
		opt43 = dhcp_decode(43, bytes, nbytes, ndigits);
		free(bytes);
	}
	if ((rc = cli_open(&t, &sh, &r)) != EXIT_CLEAN)
		goto out;
	if (phone != NULL) {
		if ((rc = cli_phone_password(&ph, NULL)) != EXIT_CLEAN)
			goto out;
		res = ask_phone(&ph, host, port, t.mac);
		if (res == NULL) {
			rc = EXIT_TROUBLE;
			goto out;
		}
	}
	in.m = merge_new(&r);
	in.phone = res;
	in.opt43 = opt43;
	pin_evaluate(&in, &pr);
	rc = pr.verdict == PIN_YES ? EXIT_CLEAN : EXIT_FINDINGS;
	if (report_open(&rep, fmt, output, &cause) == 0) {
		report_pin(&rep, r.mac, &pr);
		report_close(&rep, &cause);
	}
	if (cause != NULL) {
		fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		free(cause);
		rc = EXIT_TROUBLE;
	}
	if (res != NULL && res->kind != PHONE_OK) {
		vis_fprintf(stderr, "%s: %s: %s\n", cmd_progname, res->host,
		    res->error);
		rc = EXIT_TROUBLE;
	}
	pin_report_free(&pr);
out:
	merge_free(in.m);
	if (res != NULL)
		phone_result_free(res);
	dhcp_result_free(opt43);
	resolution_free(&r);
	share_free(sh);
	cli_phone_free(&ph);
	free(host);
	return rc;
}
