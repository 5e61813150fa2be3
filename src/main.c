/*
 * polyaudit: which provisioning setting a Poly phone really runs, and why.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "version.h"
#include "vis.h"

const char *cmd_progname = "polyaudit";

static const struct command {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*synopsis;
} commands[] = {
	{ "audit", cmd_audit,
	  "audit --share DIR|URL (--phone HOST[:PORT] | --inventory FILE|-)\n"
	  "\t\t[--mac MAC] [--model M] [--master NAME] [--param NAME]...\n"
	  "\t\t[--user USER] [--password-file FILE | --password-stdin]\n"
	  "\t\t[--netrc-file FILE] [--follow-urls] [--scheme https|http]\n"
	  "\t\t[--port N] [--cacert FILE] [--insecure] [--jobs N] [--timeout S]\n"
	  "\t\t[--quiet] [--show-secrets] [--output FILE]\n"
	  "\t\t[--format text|json|csv|openmetrics|html] [--record DB]" },
	{ "dhcp", cmd_dhcp,
	  "dhcp decode [--option 43|120|60] [--format text|json] HEX...\n"
	  "  polyaudit dhcp encode --fqdn FQDN [--port N] [--format text|json]\n"
	  "  polyaudit dhcp probe [--server IP] [--interface IF] [--timeout S] [--format text|json]" },
	{ "diff", cmd_diff,
	  "diff [--model M] [--param NAME]... [--check pin] [--show-secrets]\n"
	  "\t\t[--format text|json|csv|openmetrics] [--output FILE]\n"
	  "\t\t[--follow-urls] [--netrc-file FILE] OLD NEW" },
	{ "files", cmd_files,
	  "files --share DIR|URL --mac MAC [--model M] [--master NAME] [--format text|json]\n"
	  "\t\t[--follow-urls] [--netrc-file FILE]" },
	{ "history", cmd_history,
	  "history --db FILE [--mac MAC] [--param NAME] [--since DATE] [--until DATE]\n"
	  "\t\t[--first-drift] [--format text|json]" },
	{ "pin", cmd_pin,
	  "pin --share DIR|URL --mac MAC [--model M] [--master NAME] [--option43 HEX]\n"
	  "\t\t[--phone HOST[:PORT] [phone options as for audit]] [--output FILE]\n"
	  "\t\t[--format text|json|openmetrics]\n"
	  "\t\t[--follow-urls] [--netrc-file FILE]" },
	{ "scan", cmd_scan,
	  "scan --share DIR|URL [--model M] [--param NAME]... [--check pin] [--show-secrets]\n"
	  "\t\t[--format text|json|csv|openmetrics|html] [--output FILE]\n"
	  "\t\t[--follow-urls] [--netrc-file FILE] [--record DB]" },
	{ "show", cmd_show,
	  "show --share DIR|URL --mac MAC [--model M] [--master NAME] [--param NAME]...\n"
	  "\t\t[--all] [--show-secrets] [--format text|json|csv|html] [--output FILE]\n"
	  "\t\t[--follow-urls] [--netrc-file FILE]" },
	{ NULL, NULL, NULL },
};

static void
usage(FILE *fp)
{
	size_t	i;

	fprintf(fp, "usage: %s COMMAND [OPTIONS]\n\ncommands:\n", cmd_progname);
	for (i = 0; commands[i].name != NULL; i++)
		fprintf(fp, "  %s %s\n", cmd_progname, commands[i].synopsis);
	fprintf(fp, "\n'%s COMMAND --help' describes a command; "
	    "see polyaudit(1).\n", cmd_progname);
}

/* Report a usage error on stderr and return the usage exit status. */
int
usage_error(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", cmd_progname);
	va_start(ap, fmt);
	vis_vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help'.\n", cmd_progname);
	return EXIT_TROUBLE;
}

int
main(int argc, char *argv[])
{
	size_t	i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(argv[1], "--version") == 0) {
		version_print(stdout);
		return EXIT_CLEAN;
	}
	for (i = 0; commands[i].name != NULL; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	return usage_error("unknown command '%s'", argv[1]);
}
