#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "prefetch.h"
#include "resolve.h"
#include "share.h"
#include "version.h"
#include "vis.h"
#include "xalloc.h"

#define BUSY_MS_MAX	60000L	/* for POLYAUDIT_BUSY_MS */

const char *cmd_progname = "polyaudit";

/* One option's values as given. */
struct cmd_val {
	const char	 *last;		/* the last value, or NULL */
	const char	**all;		/* CMD_O_MULTI: every value */
	size_t		  n;		/* times given */
	long		  num;		/* the last value as a number */
};

struct cmd_args {
	const struct cmd	 *cmd;
	struct cmd_opts		  opts;		/* read from cmd->options */
	char			 *path;		/* "dhcp decode", for messages */
	struct cmd_val		 *v;		/* one per opts.v entry */
	const char		**operands;
	size_t			  noperands;
	enum format		  format;
};

/* --format is an option of every command that offers two formats. */
static const struct cmd_opt format_opt = { "format", NULL, 0, 0, NULL, 0 };

/* A command's option string that cmd.h's grammar does not describe. */
static void
spec_bad(const struct cmd *c, const char *at)
{
	fprintf(stderr, "%s: %s: bad option string at '%s'\n", cmd_progname,
	    c->name, at);
	abort();
}

/*
 * Read one "--name [VALUE]" at s into o, cutting its strings in place;
 * close is the bracket around it, or '\0'.  Returns what follows, which
 * the caller cuts off.
 */
static char *
spec_opt(const struct cmd *c, char *s, char close, struct cmd_opt *o,
    const char ***words)
{
	const char	**w;
	char		 *v, *cut, next;
	size_t		  len;
	int		  depth = 0;

	if (strncmp(s, "--", 2) != 0)
		spec_bad(c, s);
	o->name = s += 2;
	s += strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-");
	if (*s != ' ' || strchr("|-[(", s[1]) != NULL)
		return s;
	*s++ = '\0';
	/* A placeholder such as HOST[:PORT] has brackets of its own. */
	for (v = s; *s != '\0' && *s != ' ' && (*s != close || depth > 0); s++)
		depth += *s == '[' ? 1 : *s == ']' ? -1 : 0;
	next = *s;
	*s = '\0';
	if ((len = strlen(v)) > 3 && strcmp(v + len - 3, "...") == 0) {
		o->flags |= CMD_O_MULTI;
		v[len - 3] = '\0';
	}
	if ((cut = strstr(v, "<=")) != NULL) {
		o->max = strtol(cut + 2, NULL, 10);
		*cut = '\0';
	}
	if ((*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9')) {
		/* Words: "https|http" becomes "https", "http", NULL. */
		o->words = w = *words;
		for (*w++ = v; (v = strchr(v, '|')) != NULL; *w++ = v)
			*v++ = '\0';
		*w++ = NULL;
		*words = w;
	} else {
		o->arg = v;
		if (strstr(v, "FILE") != NULL || strstr(v, "DIR") != NULL ||
		    strcmp(v, "DB") == 0)
			o->flags |= CMD_O_PATH;
	}
	*s = next;
	return s;
}

/* Read the options of command c from its string (cmd.h). */
void
cmd_opts(const struct cmd *c, struct cmd_opts *opts)
{
	const char	**words;
	char		 *s, *t, close;
	size_t		  n = 0, first, i;
	int		  group = 0;

	s = opts->buf = xstrdup(c->options != NULL ? c->options : "");
	/* Each option starts with "--" and has fewer words than bytes. */
	for (t = s; (t = strstr(t, "--")) != NULL; t += 2)
		n++;
	opts->v = xcalloc(n + 1, sizeof(*opts->v));
	words = opts->words = xcalloc(strlen(s) + 1, sizeof(*words));
	n = 0;
	while (*(s += strspn(s, " ")) != '\0') {
		close = *s == '[' ? ']' : *s == '(' ? ')' : '\0';
		s += close != '\0';
		first = n;
		s = spec_opt(c, s, close, &opts->v[n++], &words);
		while (close != '\0' && strncmp(s, " | ", 3) == 0) {
			*s = '\0';
			s = spec_opt(c, s + 3, close, &opts->v[n++], &words);
		}
		if (close != '\0') {
			if (*s != close)
				spec_bad(c, s);
			*s++ = '\0';
		}
		if (strncmp(s, "...", 3) == 0) {
			opts->v[n - 1].flags |= CMD_O_MULTI;
			s += 3;
		}
		if (*s != '\0' && *s != ' ')
			spec_bad(c, s);
		if (*s == ' ')
			*s++ = '\0';
		group += n - first > 1;
		for (i = first; i < n; i++) {
			opts->v[i].group = n - first > 1 ? group : 0;
			if (close != ']')
				opts->v[i].flags |= CMD_O_REQUIRED;
		}
	}
}

void
cmd_opts_free(struct cmd_opts *opts)
{
	free(opts->v);
	free(opts->buf);
	free(opts->words);
}

/* "polyaudit: " and the message on stderr, made visible. */
static void
say(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", cmd_progname);
	vis_vfprintf(stderr, fmt, ap);
}

/* Report a usage error on stderr and return the usage exit status. */
int
usage_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help'.\n", cmd_progname);
	return EXIT_TROUBLE;
}

/* Report a runtime error on stderr and return the error exit status. */
int
cli_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_TROUBLE;
}

/* The formats command c offers, as a mask of (1 << FMT_*). */
unsigned
cmd_formats(const struct cmd *c)
{
	return c->report == CMD_NO_FORMAT ? 1u << FMT_TEXT :
	    (unsigned)report_offered((enum report_kind)c->report);
}

/* Whether command c takes --format: it offers more than one. */
int
cmd_has_format(const struct cmd *c)
{
	unsigned	m = cmd_formats(c);

	return (m & (m - 1)) != 0;
}

/*
 * The words, or the formats offered when words is NULL, as "a|b|c", or
 * as "a, b or c" when last is " or ".
 */
static char *
alternatives(const char *const *words, unsigned formats, const char *last)
{
	const char	*w[16];
	char		*s, *t;
	size_t		 n = 0, i;

	if (words != NULL)
		while (words[n] != NULL && n < 16) {
			w[n] = words[n];
			n++;
		}
	else
		for (i = 0; i < FMT_COUNT && n < 16; i++)
			if ((formats & (1u << i)) && report_formats[i] != NULL)
				w[n++] = report_formats[i]->name;
	s = xstrdup(n > 0 ? w[0] : "");
	for (i = 1; i < n; i++) {
		t = xasprintf("%s%s%s", s, last == NULL ? "|" : i + 1 < n ?
		    ", " : last, w[i]);
		free(s);
		s = t;
	}
	return s;
}

/* What an option's value is called in usage, or NULL for a flag. */
static char *
opt_arg(const struct cmd *c, const struct cmd_opt *o)
{
	if (o == &format_opt)
		return alternatives(NULL, cmd_formats(c), NULL);
	if (o->arg != NULL)
		return xstrdup(o->arg);
	if (o->words != NULL)
		return alternatives(o->words, 0, NULL);
	return NULL;
}

static int
takes_value(const struct cmd_opt *o)
{
	return o == &format_opt || o->arg != NULL || o->words != NULL;
}

/* The option of a named by the len bytes at name, or NULL. */
static const struct cmd_opt *
find_opt(const struct cmd_args *a, const char *name, size_t len)
{
	const struct cmd_opt	*o;

	if (cmd_has_format(a->cmd) && strlen(format_opt.name) == len &&
	    strncmp(name, format_opt.name, len) == 0)
		return &format_opt;
	for (o = a->opts.v; o->name != NULL; o++)
		if (strlen(o->name) == len && strncmp(name, o->name, len) == 0)
			return o;
	return NULL;
}

/* Check and keep one option's value; -1 after reporting a bad one. */
static int
take(struct cmd_args *a, const struct cmd_opt *o, const char *value)
{
	struct cmd_val	*v;
	char		*end, *alt;
	size_t		 i;
	long		 n;

	if (o == &format_opt) {
		if (report_format(value, (int)cmd_formats(a->cmd), &a->format) == 0)
			return 0;
		alt = alternatives(NULL, cmd_formats(a->cmd), " or ");
		usage_error("%s: --format is %s", a->path, alt);
		free(alt);
		return -1;
	}
	v = &a->v[o - a->opts.v];
	if (o->words != NULL) {
		for (i = 0; o->words[i] != NULL; i++)
			if (strcmp(value, o->words[i]) == 0)
				break;
		if (o->words[i] == NULL) {
			alt = alternatives(o->words, 0, " or ");
			usage_error("%s: --%s is %s", a->path, o->name, alt);
			free(alt);
			return -1;
		}
	}
	if (o->max > 0) {
		errno = 0;
		n = strtol(value, &end, 10);
		if (*value == '\0' || *end != '\0' || errno != 0 || n < 1 ||
		    n > o->max) {
			usage_error("%s: --%s: bad number '%s': give 1 to %ld",
			    a->path, o->name, value, o->max);
			return -1;
		}
		v->num = n;
	}
	if (o->flags & CMD_O_MULTI) {
		v->all = xreallocarray(v->all, v->n + 1, sizeof(*v->all));
		v->all[v->n] = value;
	}
	v->last = value;
	v->n++;
	return 0;
}

/* Required options, groups and operands; -1 after reporting a problem. */
static int
check(const struct cmd_args *a)
{
	const struct cmd	*c = a->cmd;
	const struct cmd_opt	*o, *p, *given, *other, *opts = a->opts.v;
	int			 required;

	for (o = opts; o->name != NULL; o++) {
		if (o->group == 0) {
			if ((o->flags & CMD_O_REQUIRED) &&
			    a->v[o - opts].n == 0) {
				usage_error("%s: --%s is required", a->path,
				    o->name);
				return -1;
			}
			continue;
		}
		/* The group's first member speaks for it. */
		for (p = opts; p->group != o->group; p++)
			continue;
		if (p != o)
			continue;
		given = other = NULL;
		required = 0;
		for (p = o; p->name != NULL; p++) {
			if (p->group != o->group)
				continue;
			if (p != o && other == NULL)
				other = p;
			required |= p->flags & CMD_O_REQUIRED;
			if (a->v[p - opts].n == 0)
				continue;
			if (given != NULL) {
				usage_error("%s: --%s and --%s exclude each "
				    "other", a->path, given->name, p->name);
				return -1;
			}
			given = p;
		}
		if (required && given == NULL) {
			usage_error("%s: give --%s or --%s", a->path, o->name,
			    other->name);
			return -1;
		}
	}
	if (a->noperands < (size_t)c->minargs) {
		usage_error("%s: give %s", a->path, c->args);
		return -1;
	}
	if (c->maxargs >= 0 && a->noperands > (size_t)c->maxargs) {
		usage_error("%s: unexpected argument '%s'", a->path,
		    a->operands[c->maxargs]);
		return -1;
	}
	return 0;
}

static int
cmpopt(const void *x, const void *y)
{
	const struct cmd_opt *const *a = x, *const *b = y;

	return strcmp((*a)->name, (*b)->name);
}

/* Print one word of a usage line, wrapping before column 80. */
static void
word(FILE *fp, size_t *col, size_t indent, const char *w)
{
	if (*col + 1 + strlen(w) > 79) {
		fprintf(fp, "\n%*s", (int)indent, "");
		*col = indent;
	} else {
		fputc(' ', fp);
		(*col)++;
	}
	fputs(w, fp);
	*col += strlen(w);
}

/* "--name VALUE" of one option, "..." after it when it may repeat. */
static char *
opt_usage(const struct cmd *c, const struct cmd_opt *o)
{
	char	*arg = opt_arg(c, o), *s;

	s = xasprintf("--%s%s%s", o->name, arg != NULL ? " " : "",
	    arg != NULL ? arg : "");
	free(arg);
	return s;
}

/* A group of options as one word: "[--a X | --b]" or "(--a X | --b Y)". */
static char *
group_usage(const struct cmd *c, const struct cmd_opt *first, int required)
{
	const struct cmd_opt	*o;
	char			*s = NULL, *t, *u;

	for (o = first; o->name != NULL; o++) {
		if (o->group != first->group)
			continue;
		u = opt_usage(c, o);
		t = xasprintf("%s%s%s%s", s != NULL ? s : "", s != NULL ?
		    " | " : "", u, o->flags & CMD_O_MULTI ? "..." : "");
		free(s);
		free(u);
		s = t;
	}
	t = xasprintf(required ? "(%s)" : "[%s]", s);
	free(s);
	return t;
}

/*
 * The synopsis of command c after "prefix path": required options in
 * table order, then the others alphabetically, then the operands.
 */
static void
usage_line(FILE *fp, const char *prefix, const char *path,
    const struct cmd *c, size_t indent)
{
	struct cmd_opts		  opts;
	const struct cmd_opt	 *o, *p, **opt;
	size_t			  n = 0, i, col;
	char			 *w, *t;

	fprintf(fp, "%s %s", prefix, path);
	col = strlen(prefix) + 1 + strlen(path);
	cmd_opts(c, &opts);
	for (o = opts.v; o->name != NULL; o++)
		n++;
	opt = xreallocarray(NULL, n + 1, sizeof(*opt));
	n = 0;
	for (o = opts.v; o->name != NULL; o++) {
		for (p = opts.v; o->group != 0 && p->group != o->group; p++)
			continue;
		if (o->group != 0 && p != o)
			continue;	/* printed with its group's first */
		if (o->flags & CMD_O_REQUIRED) {
			w = o->group ? group_usage(c, o, 1) : opt_usage(c, o);
			word(fp, &col, indent, w);
			free(w);
		} else
			opt[n++] = o;
	}
	if (cmd_has_format(c))
		opt[n++] = &format_opt;
	qsort(opt, n, sizeof(*opt), cmpopt);
	for (i = 0; i < n; i++) {
		if (opt[i]->group != 0)
			w = group_usage(c, opt[i], 0);
		else {
			t = opt_usage(c, opt[i]);
			w = xasprintf("[%s]%s", t, opt[i]->flags &
			    CMD_O_MULTI ? "..." : "");
			free(t);
		}
		word(fp, &col, indent, w);
		free(w);
	}
	if (c->args != NULL)
		word(fp, &col, indent, c->args);
	fputc('\n', fp);
	free(opt);
	cmd_opts_free(&opts);
}

/* A command's --help: its synopsis, or its sub-commands', and its text. */
static void
help(FILE *fp, const char *path, const struct cmd *c)
{
	const struct cmd *const	*s;
	char			*p, *prefix;

	if (c->subs != NULL) {
		for (s = c->subs; *s != NULL; s++) {
			p = xasprintf("%s %s", path, (*s)->name);
			help(fp, p, *s);
			free(p);
			if (s[1] != NULL)
				fputc('\n', fp);
		}
		return;
	}
	prefix = xasprintf("usage: %s", cmd_progname);
	usage_line(fp, prefix, path, c, strlen(prefix) + 1 + strlen(path) + 1);
	free(prefix);
	fputs(c->help, fp);
}

static void
usage(FILE *fp)
{
	const struct cmd *const	*c, *const *s;
	char			*prefix, *path;

	fprintf(fp, "usage: %s COMMAND [OPTIONS]\n\ncommands:\n", cmd_progname);
	prefix = xasprintf("  %s", cmd_progname);
	for (c = cmd_table; *c != NULL; c++) {
		if ((*c)->subs == NULL) {
			usage_line(fp, prefix, (*c)->name, *c, 16);
			continue;
		}
		for (s = (*c)->subs; *s != NULL; s++) {
			path = xasprintf("%s %s", (*c)->name, (*s)->name);
			usage_line(fp, prefix, path, *s, 16);
			free(path);
		}
	}
	free(prefix);
	fprintf(fp, "\n'%s COMMAND --help' describes a command; "
	    "see polyaudit(1).\n", cmd_progname);
}

static void
args_free(struct cmd_args *a)
{
	const struct cmd_opt	*o;

	for (o = a->opts.v; o->name != NULL; o++)
		free(a->v[o - a->opts.v].all);
	cmd_opts_free(&a->opts);
	free(a->v);
	free(a->operands);
	free(a->path);
}

/*
 * Parse argv (argv[0] is the command's name) for command c and run it.
 * Options and operands may come in any order; "--" ends the options.
 * Options are named in full: a prefix would change meaning when an
 * option is added.  Errors name the option, never a value glued to it.
 */
static int
run(const struct cmd *c, char *path, int argc, char **argv)
{
	struct cmd_args		 a;
	const struct cmd_opt	*o, *p;
	const char		*arg, *value;
	size_t			 len, n = 0;
	int			 i, rc = EXIT_TROUBLE, dashdash = 0;

	memset(&a, 0, sizeof(a));
	a.cmd = c;
	a.path = path;
	a.format = FMT_TEXT;
	cmd_opts(c, &a.opts);
	for (p = a.opts.v; p->name != NULL; p++)
		n++;
	a.v = xcalloc(n + 1, sizeof(*a.v));
	a.operands = xcalloc(argc, sizeof(*a.operands));
	for (i = 1; i < argc; i++) {
		arg = argv[i];
		if (dashdash || arg[0] != '-' || arg[1] == '\0') {
			a.operands[a.noperands++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			help(stdout, path, c);
			rc = EXIT_CLEAN;
			goto out;
		}
		len = strcspn(arg, "=");
		if (arg[1] != '-' || (o = find_opt(&a, arg + 2, len - 2)) ==
		    NULL) {
			usage_error("%s: unknown option '%.*s'", path,
			    (int)len, arg);
			goto out;
		}
		if (!takes_value(o)) {
			if (arg[len] == '=') {
				usage_error("%s: --%s takes no value", path,
				    o->name);
				goto out;
			}
			a.v[o - a.opts.v].n++;
			continue;
		}
		if (arg[len] == '=')
			value = arg + len + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		else {
			usage_error("%s: --%s needs a value", path, o->name);
			goto out;
		}
		if (take(&a, o, value) == -1)
			goto out;
	}
	if (check(&a) == 0)
		rc = c->exec(&a);
out:
	args_free(&a);
	return rc;
}

/* polyaudit COMMAND [SUB-COMMAND] ...: find the command and run it. */
int
cli_main(int argc, char **argv)
{
	const struct cmd *const	*c, *const *s;
	char			*list, *t;

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
	for (c = cmd_table; *c != NULL; c++)
		if (strcmp(argv[1], (*c)->name) == 0)
			break;
	if (*c == NULL)
		return usage_error("unknown command '%s'", argv[1]);
	if ((*c)->subs == NULL)
		return run(*c, xstrdup((*c)->name), argc - 1, argv + 1);
	if (argc < 3) {
		list = xstrdup("");
		for (s = (*c)->subs; *s != NULL; s++) {
			t = xasprintf("%s %s", list, (*s)->name);
			free(list);
			list = t;
		}
		usage_error("%s: give one of:%s", (*c)->name, list);
		free(list);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0) {
		help(stdout, (*c)->name, *c);
		return EXIT_CLEAN;
	}
	for (s = (*c)->subs; *s != NULL; s++)
		if (strcmp(argv[2], (*s)->name) == 0)
			return run(*s, xasprintf("%s %s", (*c)->name,
			    (*s)->name), argc - 2, argv + 2);
	return usage_error("%s: unknown sub-command '%s'", (*c)->name,
	    argv[2]);
}

/* The option's last value, or NULL when it was not given. */
const char *
args_get(const struct cmd_args *a, const char *name)
{
	const struct cmd_opt	*o = find_opt(a, name, strlen(name));

	return o != NULL && o != &format_opt ? a->v[o - a->opts.v].last :
	    NULL;
}

/* How many times the option was given. */
int
args_has(const struct cmd_args *a, const char *name)
{
	const struct cmd_opt	*o = find_opt(a, name, strlen(name));

	return o != NULL && o != &format_opt ?
	    (int)a->v[o - a->opts.v].n : 0;
}

/* A number option's value, checked by the parser, or dflt. */
long
args_num(const struct cmd_args *a, const char *name, long dflt)
{
	const struct cmd_opt	*o = find_opt(a, name, strlen(name));

	return args_has(a, name) ? a->v[o - a->opts.v].num : dflt;
}

/* Every value of a CMD_O_MULTI option, in order; *n of them. */
const char *const *
args_values(const struct cmd_args *a, const char *name, size_t *n)
{
	const struct cmd_opt	*o = find_opt(a, name, strlen(name));

	*n = (size_t)args_has(a, name);
	return *n > 0 ? a->v[o - a->opts.v].all : NULL;
}

const char *const *
args_operands(const struct cmd_args *a, size_t *n)
{
	*n = a->noperands;
	return a->operands;
}

enum format
args_format(const struct cmd_args *a)
{
	return a->format;
}

/* "show", "dhcp decode": the command as messages name it. */
const char *
args_command(const struct cmd_args *a)
{
	return a->path;
}

/* The target options from the command's arguments; -1 after a bad MAC. */
int
cli_target_get(const struct cmd_args *a, struct cli_target *t)
{
	const char	*mac;

	memset(t, 0, sizeof(*t));
	t->share = args_get(a, "share");
	if ((mac = args_get(a, "mac")) != NULL &&
	    mac_parse(mac, t->mac) == -1) {
		usage_error("%s: bad MAC address '%s': give 12 hex digits, "
		    "optionally separated by ':' or '-'", args_command(a), mac);
		return -1;
	}
	t->model = args_get(a, "model");
	t->master = args_get(a, "master");
	t->follow_urls = args_has(a, "follow-urls");
	t->netrc = args_get(a, "netrc-file");
	t->share_jobs = (size_t)args_num(a, "share-jobs", 0);
	return 0;
}

/*
 * Open the share with the target's options; on failure say why on stderr
 * and return the exit status.
 */
int
cli_open_share(const struct cli_target *t, struct share **sh)
{
	struct share_opts	 o = { t->netrc, t->follow_urls, t->share_jobs };
	char			*cause = NULL;

	*sh = NULL;
	/* libcurl would quietly go without an unreadable netrc file. */
	if (t->netrc != NULL && access(t->netrc, R_OK) == -1) {
		vis_fprintf(stderr, "%s: --netrc-file %s: %s\n", cmd_progname,
		    t->netrc, strerror(errno));
		return EXIT_TROUBLE;
	}
	if ((*sh = share_open_opts(t->share, &o, &cause)) == NULL) {
		vis_fprintf(stderr, "%s: cannot open share: %s\n", cmd_progname,
		    cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	return EXIT_CLEAN;
}

/*
 * Open the share and resolve the phone; on failure say why on stderr and
 * return the exit status.  The caller frees both even on failure.
 */
int
cli_open(const struct cli_target *t, struct share **sh, struct resolution *r)
{
	struct resolve_target	 target = { t->mac, t->model };
	struct prefetch		*pf;
	int			 rc;

	memset(r, 0, sizeof(*r));
	*sh = NULL;
	if ((rc = cli_open_share(t, sh)) != EXIT_CLEAN)
		return rc;
	/* From a server, the phone's files come together, not one by one. */
	pf = prefetch_new(*sh, &target, 1, t->master, 0);
	prefetch_wait(pf, 0);
	prefetch_free(pf);
	resolve_phone(*sh, t->mac, t->model, t->master, r);
	return EXIT_CLEAN;
}

/*
 * POLYAUDIT_BUSY_MS=N: the first wait before a busy phone is asked again,
 * instead of 2000 ms (each next wait doubles), so that tests need not wait
 * 14 s on a phone that stays busy.  -1 after reporting a bad value.
 */
static int
busy_ms(struct phone_opts *po)
{
	const char	*s = getenv("POLYAUDIT_BUSY_MS");
	char		*end;
	long		 v;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > BUSY_MS_MAX) {
		vis_fprintf(stderr, "%s: POLYAUDIT_BUSY_MS: want milliseconds, "
		    "1 to %ld\n", cmd_progname, BUSY_MS_MAX);
		return -1;
	}
	po->busy_ms = v;
	return 0;
}

/* The phone options from the command's arguments; -1 after reporting. */
int
cli_phone_get(const struct cmd_args *a, struct cli_phone *p)
{
	const char	*scheme;

	memset(p, 0, sizeof(*p));
	phone_opts_init(&p->po);
	if (args_has(a, "user"))
		p->po.user = args_get(a, "user");
	p->pwfile = args_get(a, "password-file");
	p->pwstdin = args_has(a, "password-stdin");
	if ((scheme = args_get(a, "scheme")) != NULL)
		p->po.http = strcmp(scheme, "http") == 0;
	p->po.port = (unsigned)args_num(a, "port", p->po.port);
	p->po.cacert = args_get(a, "cacert");
	p->po.insecure = args_has(a, "insecure");
	if (args_has(a, "timeout"))
		p->po.phone_ms = args_num(a, "timeout", 0) * 1000;
	/* One netrc serves the share's server and the phones. */
	p->po.netrc_file = args_get(a, "netrc-file");
	return busy_ms(&p->po);
}

/*
 * Load the password (file, standard input or POLYAUDIT_PASSWORD); stdin
 * names what else reads standard input, or NULL.  Reports its errors.
 */
int
cli_phone_password(struct cli_phone *p, const char *stdin_user)
{
	char	*cause = NULL;

	if (p->pwstdin && stdin_user != NULL)
		return usage_error("%s and the password cannot both come "
		    "from standard input", stdin_user);
	if (phone_password_load(p->pwfile, p->pwstdin, &p->password,
	    &cause) == -1) {
		vis_fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		free(cause);
		return EXIT_TROUBLE;
	}
	p->po.password = p->password;
	return EXIT_CLEAN;
}

void
cli_phone_free(struct cli_phone *p)
{
	phone_password_free(p->password);
	p->password = NULL;
}
