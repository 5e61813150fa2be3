/*
 * Share hygiene (diagnosis.md section 6): override files no master
 * applies to, and override values that change nothing.  Both are notes:
 * the phone works, but the share carries files nobody tracks.
 */
#include <stdlib.h>
#include <string.h>

#include "hygiene.h"
#include "merge.h"
#include "resolve.h"
#include "scan.h"
#include "share.h"
#include "xalloc.h"

/*
 * orphan-override: the phone has no master (neither <mac>.cfg nor the
 * zeros file), yet an override file for its MAC is on the share, in the
 * root or in an overrides directory a master names.
 */
void
hygiene_orphan(struct share *sh, const struct resolution *r,
    struct findings *fs)
{
	char	*path;

	if (r->master != NULL || (path = scan_override_file(sh, r->mac)) ==
	    NULL)
		return;
	findings_add(fs, FIND_ORPHAN_OVERRIDE, path, 0, "override file of "
	    "phone %s, to which no master applies (no %s.cfg and no "
	    "000000000000.cfg): a left-over of a removed phone, or a phone "
	    "that finds no master here", r->mac, r->mac);
	free(path);
}

/* The effective entry that a parameter set in an override file feeds. */
static const struct eparam *
fed(struct merged *m, const struct resolution *r, const char *name)
{
	const char	*dot = strrchr(name, '.');
	const struct eparam *e;
	char		*base;

	if (r->model == NULL || dot == NULL || strcmp(dot + 1, r->model) != 0)
		return merge_get(m, name);
	base = xstrndup(name, (size_t)(dot - name));
	e = merge_get(m, base);
	free(base);
	return e;
}

/*
 * redundant-override: a value in an override file that wins and equals
 * the value that would win without it.  One note per file, at the first
 * such value.
 */
void
hygiene_redundant(struct merged *m, const struct resolution *r,
    struct findings *fs)
{
	const struct chainfile	*f;
	const struct cfgparam	*p, *first;
	const struct eparam	*e;
	size_t			 k, i, n;

	for (k = 0; k < r->nfiles; k++) {
		f = &r->files[k];
		if (f->cf == NULL || f->role == ROLE_CONFIG)
			continue;
		first = NULL;
		for (i = n = 0; i < f->cf->nparams; i++) {
			p = &f->cf->params[i];
			if ((e = fed(m, r, p->name)) == NULL ||
			    e->value == NULL || e->file == NULL ||
			    e->nshadowed == 0 || e->line != p->line ||
			    strcmp(e->file, f->cf->path) != 0 ||
			    (e->source != PSRC_PHONE_OVERRIDE &&
			    e->source != PSRC_WEB_OVERRIDE) ||
			    strcmp(e->value, e->shadowed[0].value) != 0)
				continue;
			if (n++ == 0)
				first = p;
		}
		if (first == NULL)
			continue;
		e = fed(m, r, first->name);
		findings_add(fs, FIND_REDUNDANT_OVERRIDE, f->path, first->line,
		    "%zu value%s what would win without this override file "
		    "(first: %s, as in %s:%d): %s nothing now, but %s "
		    "against later changes on the share", n, n == 1 ?
		    " equals" : "s equal",
		    first->name, e->shadowed[0].file, e->shadowed[0].line,
		    n == 1 ? "it changes" : "they change", n == 1 ?
		    "pins the value" : "pin the values");
	}
}

/* The codes scan prints per phone beside its rows. */
int
hygiene_code(enum findcode code)
{
	return code == FIND_ORPHAN_OVERRIDE || code == FIND_REDUNDANT_OVERRIDE;
}
