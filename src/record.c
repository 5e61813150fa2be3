/*
 * One row per reported value, as the report shows it but with secrets
 * left to store.c, which never keeps them.
 */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "phone.h"
#include "pin.h"
#include "provserver.h"
#include "record.h"
#include "redact.h"
#include "report.h"
#include "store.h"
#include "vis.h"
#include "xalloc.h"

static void
findings(struct store *st, const char *mac, const struct findings *fs)
{
	const struct finding	*f;
	size_t			 i;

	for (i = 0; i < fs->n; i++) {
		f = &fs->v[i];
		store_finding(st, mac, findings_name(f->code),
		    severity_name(f->sev), f->file, f->line, f->message);
	}
}

static void
share_side(struct store_obs *o, const struct eparam *e)
{
	o->name = e->name;
	o->value = e->value;
	o->source = psource_name(e->source);
	o->file = e->file;
	o->line = e->file ? e->line : 0;
}

/* A scanned phone: its effective values and findings. */
void
record_scan(struct store *st, const struct showview *v)
{
	struct store_obs	o = { 0 };
	size_t			i;

	for (i = 0; i < v->nparams; i++) {
		share_side(&o, v->params[i]);
		store_add(st, v->r->mac, &o);
	}
	findings(st, v->r->mac, v->findings);
}

/* scan --check pin: the verdict, from the check that decided it. */
void
record_pin(struct store *st, const char *mac, const struct pin_report *pr,
    const struct findings *fs)
{
	static const enum pin_status order[] = { PIN_FAIL, PIN_UNKNOWN };
	struct store_obs	o = { 0 };
	size_t			i, k;

	o.name = RECORD_PIN;
	o.value = pin_verdict_name(pr->verdict);
	for (k = 0; k < 2 && o.source == NULL; k++)
		for (i = 0; i < pr->n; i++)
			if (pr->v[i].status == order[k]) {
				o.source = pr->v[i].what;
				o.file = pr->v[i].file;
				o.line = pr->v[i].line;
				break;
			}
	store_add(st, mac, &o);
	findings(st, mac, fs);
}

/*
 * An audited phone: the phone itself (firmware, model, whether it could
 * be read), its provisioning server, every row with both sides and its
 * verdict, and the findings.  A phone that never said its MAC is not
 * kept: the history is by MAC.
 */
void
record_audit(struct store *st, const struct auditview *v)
{
	const struct phone_result	*res = v->res;
	const struct diffrow		*d;
	struct store_obs		 o = { 0 };
	size_t				 i;

	if (res->id.mac[0] == '\0')
		return;
	o.name = RECORD_PHONE;
	o.phone_value = res->id.firmware;
	o.phone_source = res->id.model;
	o.verdict = res->kind == PHONE_OK ? "ok" : phone_err_name(res->kind);
	store_add(st, res->id.mac, &o);
	if (v->prov_why != NULL) {
		o.name = RECORD_PROV;
		o.value = v->share;
		o.phone_value = res->id.prov_server;
		o.phone_source = res->id.prov_type;
		o.verdict = prov_match_name(v->prov);
		store_add(st, res->id.mac, &o);
	}
	for (i = 0; v->df != NULL && i < v->df->n; i++) {
		d = &v->df->rows[i];
		share_side(&o, d->share);
		o.phone_value = d->phone_value;
		o.phone_source = d->phone_source;
		o.verdict = verdict_name(d->verdict);
		store_add(st, res->id.mac, &o);
	}
	if (v->r != NULL)
		findings(st, res->id.mac, &v->r->findings);
}

/*
 * The share as the history names it: a URL without its password, a
 * directory by its real path, so that runs from anywhere are one series.
 * Malloced.
 */
char *
record_share(const char *spec)
{
	char	buf[PATH_MAX];

	if (strstr(spec, "://") != NULL)
		return redact_url(spec);
	return xstrdup(realpath(spec, buf) != NULL ? buf : spec);
}

/* Open the database for a run; report why not on stderr. */
int
record_open(const char *db, struct store **st)
{
	char	*cause = NULL;

	if (store_open(db, 1, st, &cause) == -1) {
		vis_fprintf(stderr, "%s: --record: %s\n", cmd_progname, cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Write the run and close the database; report why not on stderr. */
int
record_close(struct store *st, const char *spec, const char *command,
    time_t started, size_t phones)
{
	char	*share = record_share(spec), *cause = NULL;
	int	 rc;

	if ((rc = store_commit(st, share, command, started, phones,
	    &cause)) == -1) {
		vis_fprintf(stderr, "%s: --record: %s\n", cmd_progname, cause);
		free(cause);
	}
	free(share);
	store_close(st);
	return rc;
}
