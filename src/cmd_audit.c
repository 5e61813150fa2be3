/*
 * polyaudit audit: ask live phones what they run and compare it with the
 * share.  One phone (--phone) and a fleet (--inventory) go through the
 * same engine; a single phone is a fleet of one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "diff.h"
#include "inventory.h"
#include "merge.h"
#include "redirect.h"
#include "phone.h"
#include "pin.h"
#include "prefetch.h"
#include "progress.h"
#include "provserver.h"
#include "record.h"
#include "redact.h"
#include "report.h"
#include "resolve.h"
#include "share.h"
#include "store.h"
#include "strmap.h"
#include "tlstrust.h"
#include "vis.h"
#include "xalloc.h"

static int	cmd_audit(const struct cmd_args *);

const struct cmd cmd_audit_entry = {
	.name = "audit",
	.options = "--share DIR|URL (--phone HOST[:PORT] | --inventory FILE|-) "
	    "[--mac MAC] [--model M] [--master NAME] [--param NAME]... "
	    CLI_PHONE " " CLI_REMOTE " [--jobs N<=100000] [--quiet] "
	    "[--show-secrets] [--output FILE] [--record DB]",
	.report = REPORT_AUDIT,
	.help =
"Read the phone's running values over its REST API (read-only) and show,\n"
"per parameter, the share's value beside the phone's with a verdict\n"
"(match, drift, not-on-phone, phone-only, error) and the likely reason,\n"
"and whether the phone provisions from the audited share.\n"
"The password comes from POLYAUDIT_PASSWORD, --password-file,\n"
"--password-stdin or netrc; never from the command line.\n"
"Inventory lines: host[:port] [mac] [model]; '#' starts a comment.\n"
"--record DB: keep what changed since the last recorded audit of this\n"
"share in the SQLite file DB (see 'polyaudit history').\n",
	.exec = cmd_audit,
};

/*
 * A phone whose identity is known and whose names are being read.  Keyed
 * by the engine's identity, which done() gets back inside the result: a
 * MAC may come from two hosts (a lying phone, a repeated line).
 */
struct pending {
	const struct phone_identity *id;
	struct resolution	  r;
	struct merged		 *m;
	char			**names;
	size_t			  n;
	struct pending		 *next;
	struct prov_lookup	 *pl;	/* the phone's server name, or NULL */
	struct redirect		 *rd;	/* the share's redirect, or NULL */
	struct phone_result	 *res;	/* done, waiting for pl */
};

struct audit {
	const struct phone_target *targets;
	unsigned		 port;		/* --port, 0 for the default */
	struct share		*sh;
	const char		*share_shown;	/* redacted */
	struct prov_share	*prov;
	struct tls_server	*tls;		/* NULL unless https, ftps */
	int			 tls_read;	/* tls set up, after a fetch */
	const char		*model;		/* --model */
	const char		*master;
	const char *const	*want;		/* --param */
	size_t			 nwant;
	struct strmap		*invmodel;	/* mac -> model, inventory */
	struct pending		*pending;
	struct pending		*parked;	/* done, name not yet looked up */
	enum format		 fmt;
	struct report		 rep;
	int			 show_secrets;
	int			 progress;
	time_t			 start;
	const char		*db;		/* --record */
	struct store		*st;		/* NULL without --record */
};

static size_t
names_for(void *arg, const struct phone_identity *id,
    const char *const **names)
{
	struct audit	*a = arg;
	struct pending	*p;
	const char	*model;

	model = a->model;
	if (model == NULL && a->invmodel != NULL)
		model = strmap_get(a->invmodel, id->mac);
	if (model == NULL)
		model = id->model;
	p = xcalloc(1, sizeof(*p));
	p->id = id;
	resolve_phone(a->sh, id->mac, model, a->master, &p->r);
	p->m = merge_new(&p->r);
	/* After the first phone's files: their transfers saw the chain. */
	if (!a->tls_read) {
		a->tls = tls_server_new(a->sh);
		a->tls_read = 1;
	}
	tls_check(a->tls, p->m, &p->r.findings);
	/* Looked up while the phone answers; done() takes what came. */
	p->rd = redirect_start(p->m, a->prov);
	p->pl = prov_lookup_start(a->prov, id->prov_server, id->prov_type);
	/* Every parameter the applicable files set, the PIN set first. */
	p->n = pin_shown(p->m, a->want, a->nwant, PIN_SHOWN_PIN_AND_ALL,
	    &p->names);
	p->next = a->pending;
	a->pending = p;
	*names = (const char *const *)p->names;
	return p->n;
}

static struct pending *
take_pending(struct audit *a, const struct phone_identity *id)
{
	struct pending	**pp, *p;

	for (pp = &a->pending; (p = *pp) != NULL; pp = &p->next)
		if (p->id == id) {
			*pp = p->next;
			return p;
		}
	return NULL;
}

static void
pending_free(struct audit *a, struct pending *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->names[i]);
	free(p->names);
	redirect_free(p->rd);
	merge_free(p->m);
	resolve_release(a->sh, &p->r);
	resolution_free(&p->r);
	prov_lookup_free(p->pl);
	free(p);
}

/* Compare the phone's provisioning server with the share; a finding. */
static void
check_prov(struct audit *a, struct pending *p, const struct phone_result *res,
    struct auditview *v, char **why)
{
	v->prov = prov_compare(a->prov, res->id.prov_server,
	    res->id.prov_type, p->pl, why);
	v->prov_why = *why;
	if (v->prov != PROV_SAME)
		findings_add(&p->r.findings, v->prov == PROV_DIFFERENT ?
		    FIND_PROV_SERVER : FIND_PROV_SERVER_UNKNOWN, NULL, 0, "%s",
		    *why);
}

static void	report_phone(struct audit *, struct pending *,
		    struct phone_result *);

/* Wait at most ms for the phone's look-ups; 1 when both have finished. */
static int
looked_up(struct pending *p, long ms)
{
	long	t0 = phone_clock_ms();

	if (!prov_lookup_wait(p->pl, ms))
		return 0;
	ms -= phone_clock_ms() - t0;
	return redirect_wait(p->rd, ms > 0 ? ms : 0);
}

/*
 * Report the parked phones whose look-up finished or whose --timeout ran
 * out; with wait, wait for each until its deadline (nothing else runs).
 */
static void
sweep(struct audit *a, int wait)
{
	struct pending	**pp, *p;
	long		 left;

	for (pp = &a->parked; (p = *pp) != NULL; ) {
		left = p->res->id.deadline_ms - phone_clock_ms();
		if (looked_up(p, wait && left > 0 ? left : 0) || left <= 0 ||
		    wait) {
			*pp = p->next;
			report_phone(a, p, p->res);
		} else
			pp = &p->next;
	}
}

static void
done(void *arg, struct phone_result *res)
{
	struct audit		*a = arg;
	struct pending		*p;

	sweep(a, 0);
	p = take_pending(a, &res->id);
	/* A name still being looked up must not hold the other phones. */
	if (p != NULL && !looked_up(p, 0) &&
	    res->id.deadline_ms > phone_clock_ms()) {
		p->res = res;
		p->next = a->parked;
		a->parked = p;
		return;
	}
	report_phone(a, p, res);
}

static void
report_phone(struct audit *a, struct pending *p, struct phone_result *res)
{
	struct diff		 df;
	struct auditview	 v;
	unsigned		 port;
	char			*why = NULL;

	/* Say which port was asked: fleets often use one address. */
	port = a->targets[res->index].port ? a->targets[res->index].port :
	    a->port;
	if (port != 0)
		res->host = strpool_printf(&res->text, strchr(res->host, ':') ?
		    "[%s]:%u" : "%s:%u", res->host, port);
	memset(&v, 0, sizeof(v));
	v.res = res;
	v.share = a->share_shown;
	v.show_secrets = a->show_secrets;
	v.prov = PROV_UNKNOWN;
	/* A phone that failed after naming itself still gets its rows. */
	if (p != NULL) {
		diff_phone(p->m, (const char *const *)p->names, p->n, res,
		    &df);
		redirect_finish(p->rd, &p->r.findings);
		p->rd = NULL;
		check_prov(a, p, res, &v, &why);
		firmware_drift(&p->r.firmware, p->r.master, res->id.firmware,
		    &p->r.findings);
		v.r = &p->r;
		v.df = &df;
	}
	if (a->progress)
		report_progress_clear();
	if (!a->rep.fleet && res->kind != PHONE_OK)
		vis_fprintf(stderr, "%s: %s: %s\n", cmd_progname, res->host,
		    res->error);
	report_audit_phone(&a->rep, &v);
	if (a->st != NULL)
		record_audit(a->st, &v);
	if (v.df != NULL)
		diff_free(&df);
	free(why);
	pending_free(a, p);
	phone_result_free(res);
}

static void
progress(void *arg, size_t finished, size_t total, size_t failed)
{
	struct audit	*a = arg;

	sweep(a, 0);
	if (a->progress)
		report_progress(a->start, finished, total, failed);
}

/* From a server, the files of the phones whose MAC is known are fetched
 * ahead, share-jobs at a time, before any phone is asked. */
static void
prefetch(struct audit *a, const struct inventory *inv)
{
	struct resolve_target	*t;
	struct prefetch		*pf;
	struct progress		*prog = NULL;
	size_t			 i, n = 0;

	t = xcalloc(inv->n + 1, sizeof(*t));
	for (i = 0; i < inv->n; i++)
		if (inv->v[i].mac[0] != '\0') {
			t[n].mac = inv->v[i].mac;
			t[n].model = a->model ? a->model : inv->v[i].model;
			n++;
		}
	pf = prefetch_new(a->sh, t, n, a->master, 0);
	if (a->progress && share_fetches(a->sh) && (prog = progress_new()) !=
	    NULL)
		prefetch_progress_to(pf, progress_files, prog);
	for (i = 0; i < n; i++)
		prefetch_wait(pf, i);
	progress_end(prog);
	prefetch_free(pf);
	free(t);
}

struct opts {
	struct cli_target	 t;
	struct cli_phone	 ph;
	const char		*phone, *inventory, *output;
	int			 quiet;
};

/* The options the parser could not check alone; the exit status. */
static int
parse(const struct cmd_args *args, struct opts *o, struct audit *a)
{
	if (cli_target_get(args, &o->t) == -1)
		return EXIT_TROUBLE;
	if (cli_phone_get(args, &o->ph) == -1)
		return EXIT_TROUBLE;
	o->ph.po.jobs = (size_t)args_num(args, "jobs", (long)o->ph.po.jobs);
	o->phone = args_get(args, "phone");
	o->inventory = args_get(args, "inventory");
	o->quiet = args_has(args, "quiet");
	o->output = args_get(args, "output");
	a->want = args_values(args, "param", &a->nwant);
	a->show_secrets = args_has(args, "show-secrets");
	a->fmt = args_format(args);
	a->db = args_get(args, "record");
	if (o->inventory != NULL && (o->t.mac[0] || o->t.master))
		return usage_error("audit: --mac and --master are per phone; "
		    "put MACs in the inventory");
	return EXIT_CLEAN;
}

/* --phone as an inventory of one: the phone and --mac, if given. */
static int
single_target(const struct opts *o, struct inventory *inv)
{
	const char	*why;

	if (inventory_one(o->phone, o->t.mac, inv, &why) == -1)
		return usage_error("audit: bad --phone '%s': %s", o->phone,
		    why);
	return 0;
}

static int
cmd_audit(const struct cmd_args *args)
{
	struct opts		 o;
	struct audit		 a;
	struct inventory	 inv = { 0 };
	struct findings		 invf = { 0 };
	struct phone_target	*targets = NULL;
	struct phone_cb		 cb;
	struct pending		*p;
	char			*cause = NULL, *shown = NULL;
	size_t			 i;
	int			 rc;

	memset(&o, 0, sizeof(o));
	memset(&a, 0, sizeof(a));
	if ((rc = parse(args, &o, &a)) != EXIT_CLEAN)
		return rc;
	rc = EXIT_TROUBLE;
	if (o.inventory != NULL) {
		if (inventory_read(o.inventory, &inv, &invf, &cause) == -1) {
			vis_fprintf(stderr, "%s: %s\n", cmd_progname, cause);
			goto out;
		}
		report_findings_text(stderr, &invf);
	} else if (single_target(&o, &inv) != 0)
		goto out;
	if (inv.n == 0) {
		fprintf(stderr, "%s: no phones to audit\n", cmd_progname);
		goto out;
	}
	if (cli_phone_password(&o.ph, o.inventory != NULL &&
	    strcmp(o.inventory, "-") == 0 ? "the inventory" : NULL) !=
	    EXIT_CLEAN)
		goto out;
	if ((rc = cli_open_share(&o.t, &a.sh)) != EXIT_CLEAN)
		goto out;
	rc = EXIT_TROUBLE;
	if (a.db != NULL && record_open(a.db, &a.st) == -1)
		goto out;
	shown = redact_url(share_spec(a.sh));
	a.share_shown = shown;
	a.prov = prov_share_new(shown);
	a.model = o.t.model;
	a.master = o.t.master;
	if (report_open(&a.rep, a.fmt, o.output, &cause) == -1) {
		fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		goto out;
	}
	a.rep.fleet = o.inventory != NULL;
	report_share(&a.rep, share_spec(a.sh));
	a.rep.color = a.fmt == FMT_TEXT && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL;
	a.progress = a.rep.fleet && !o.quiet && isatty(STDERR_FILENO);
	a.invmodel = strmap_new();
	a.start = time(NULL);
	targets = xcalloc(inv.n, sizeof(*targets));
	for (i = 0; i < inv.n; i++) {
		targets[i].host = inv.v[i].host;
		targets[i].port = inv.v[i].port;
		targets[i].mac = inv.v[i].mac[0] ? inv.v[i].mac : NULL;
		if (inv.v[i].model != NULL && inv.v[i].mac[0])
			strmap_set(a.invmodel, inv.v[i].mac, inv.v[i].model);
	}
	a.targets = targets;
	a.port = o.ph.po.port;
	prefetch(&a, &inv);
	cb.names_for = names_for;
	cb.done = done;
	cb.progress = progress;
	cb.arg = &a;
	if (phone_run(&o.ph.po, targets, inv.n, &cb, &cause) == -1) {
		vis_fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		goto out;
	}
	sweep(&a, 1);
	if (a.progress)
		report_progress_clear();
	report_end(&a.rep, REPORT_AUDIT);
	if (a.rep.flt.matched + a.rep.flt.drifted == 0)
		rc = EXIT_TROUBLE;
	else if (a.rep.flt.drifted > 0 || a.rep.flt.failed > 0)
		rc = EXIT_FINDINGS;
	else
		rc = EXIT_CLEAN;
	if (a.st != NULL && record_close(a.st, o.t.share, "audit", a.start,
	    inv.n) == -1)
		rc = EXIT_TROUBLE;
	a.st = NULL;
out:
	store_close(a.st);
	while (a.pending != NULL)
		pending_free(&a, take_pending(&a, a.pending->id));
	while ((p = a.parked) != NULL) {
		a.parked = p->next;
		phone_result_free(p->res);
		pending_free(&a, p);
	}
	free(cause);
	cause = NULL;
	if (a.rep.ops != NULL && report_close(&a.rep, &cause) == -1) {
		fprintf(stderr, "%s: %s\n", cmd_progname, cause);
		rc = EXIT_TROUBLE;
	}
	strmap_free(a.invmodel, NULL);
	prov_share_free(a.prov);
	tls_server_free(a.tls);
	share_free(a.sh);
	cli_phone_free(&o.ph);
	free(targets);
	free(shown);
	free(cause);
	inventory_free(&inv);
	findings_free(&invf);
	return rc;
}
