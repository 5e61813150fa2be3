/*
 * Reasons come from two facts: where the share's winning value comes from
 * (provenance) and where the phone says its value comes from (its REST
 * "Source": default, config, device, web, local).
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "merge.h"
#include "phone.h"
#include "strpool.h"
#include "xalloc.h"

const char *
verdict_name(enum verdict v)
{
	static const char *const names[] = {
		"match", "drift", "not-on-phone", "phone-only", "error",
	};

	return names[v];
}

static int
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static int
share_sets(const struct eparam *e)
{
	return e->source == PSRC_PHONE_OVERRIDE ||
	    e->source == PSRC_WEB_OVERRIDE || e->source == PSRC_CONFIG;
}

/* Why the phone runs pv (from ps) where the share says e->value. */
static const char *
why_drift(struct strpool *sp, const struct eparam *e, const char *ps,
    const struct phone_result *res)
{
	const char	*prov = res->id.prov_server;

	if (e->source == PSRC_NOT_APPLIED)
		return strpool_printf(sp, "the share's value is %s; the phone "
		    "keeps what it has in flash", e->note);
	if (ps == NULL)
		return "the phone runs another value";
	if (strcmp(ps, "web") == 0 || strcmp(ps, "local") == 0) {
		if ((strcmp(ps, "web") == 0 && e->source == PSRC_WEB_OVERRIDE) ||
		    (strcmp(ps, "local") == 0 &&
		    e->source == PSRC_PHONE_OVERRIDE))
			return strpool_printf(sp, "changed on the phone's %s "
			    "since it last uploaded %s: the override file on "
			    "the share is stale", strcmp(ps, "web") == 0 ?
			    "web UI" : "local UI", e->file);
		return strpool_printf(sp, "set on the phone's %s; the override "
		    "file is not on the share (uploads disabled?)",
		    strcmp(ps, "web") == 0 ? "web UI" : "local UI");
	}
	if (strcmp(ps, "config") == 0)
		return strpool_printf(sp, "the phone has not re-read its "
		    "configuration since the share changed, or it provisions "
		    "from another server (it uses %s)", prov && *prov ? prov :
		    "an unknown server");
	if (strcmp(ps, "default") == 0) {
		if (share_sets(e))
			return "the phone did not apply the file: not in its "
			    "CONFIG_FILES, malformed, per-model list, or not "
			    "supported by this firmware";
		return "the phone's default differs from the one polyaudit "
		    "assumes: its base profile is not the share's "
		    "device.baseProfile";
	}
	if (strcmp(ps, "device") == 0)
		return "a device.* value stored in the phone's flash, from an "
		    "earlier boot or its local menu";
	return strpool_printf(sp, "the phone's value comes from \"%s\"", ps);
}

/* The verdict on d and its reason, kept in sp unless static. */
static void
judge(struct diffrow *d, const struct phone_result *res, struct strpool *sp)
{
	const struct eparam	*e = d->share;
	const char		*ps = d->phone_source;

	if (d->phone_value == NULL) {
		d->verdict = V_NOT_ON_PHONE;
		d->reason = d->listed ? "this firmware does not know the "
		    "parameter: the phone lists it under InvalidParams" :
		    "the phone left the parameter out of its answer without "
		    "listing it under InvalidParams: most likely unknown to "
		    "this firmware";
		return;
	}
	if (share_sets(e) || e->source == PSRC_NOT_APPLIED) {
		if (same(e->value, d->phone_value))
			d->verdict = V_MATCH;
		else {
			d->verdict = V_DRIFT;
			d->reason = why_drift(sp, e, ps, res);
		}
		return;
	}
	/* The share does not set it: a default, or nothing at all. */
	if (ps == NULL || strcmp(ps, "default") == 0) {
		if (e->value == NULL || same(e->value, d->phone_value))
			d->verdict = V_MATCH;
		else {
			d->verdict = V_DRIFT;
			d->reason = why_drift(sp, e, ps, res);
		}
		return;
	}
	if (same(e->value, d->phone_value) ||
	    (e->value == NULL && *d->phone_value == '\0')) {
		d->verdict = V_MATCH;
		return;
	}
	d->verdict = V_PHONE_ONLY;
	d->reason = why_drift(sp, e, ps, res);
}

/*
 * Compare the n names against what the phone returned.  Rows borrow from
 * the merge and the result (its error too): free the diff first.
 */
void
diff_phone(struct merged *m, const char *const *names, size_t n,
    const struct phone_result *res, struct diff *df)
{
	struct diffrow	*d;
	size_t		 i, k;

	memset(df, 0, sizeof(*df));
	df->rows = xcalloc(n, sizeof(*df->rows));
	df->n = n;
	for (i = 0; i < n; i++) {
		d = &df->rows[i];
		d->share = merge_get(m, names[i]);
		for (k = 0; k < res->nvalues; k++)
			if (strcmp(res->values[k].name, names[i]) == 0) {
				d->phone_value = res->values[k].value;
				d->phone_source = res->values[k].source;
				d->listed = res->values[k].listed;
				break;
			}
		if (res->kind != PHONE_OK) {
			d->verdict = V_ERROR;
			d->reason = res->error;
		} else if (k == res->nvalues) {
			d->verdict = V_ERROR;
			d->reason = "not read from the phone";
		} else
			judge(d, res, &df->text);
		df->count[d->verdict]++;
	}
}

void
diff_free(struct diff *df)
{
	strpool_free(&df->text);
	free(df->rows);
	memset(df, 0, sizeof(*df));
}
