/*
 * Only the names a changed file touches are merged on both sides: a
 * phone whose files are the same files with the same values on both
 * sides cannot run anything else, and most phones are such phones.  What
 * changed in a file is worked out once per file, not once per phone.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "pin.h"
#include "prefetch.h"
#include "redact.h"
#include "resolve.h"
#include "scan.h"
#include "share.h"
#include "strmap.h"
#include "xalloc.h"

/* How one path differs between the shares: the names whose first value
 * differs, borrowed from the two parses. */
struct fdelta {
	size_t		 n;
	const char	*names[];	/* in the same allocation */
};

/* The delta of one chain position, kept from the phone before. */
struct lastdelta {
	const struct cfgfile	*a, *b;
	const struct fdelta	*d;
};

struct engine {
	struct share		*sh[2];
	struct lastdelta	*last;		/* by chain position */
	size_t			 nlast;
	const struct change_opts *o;
	struct strmap		*deltas;	/* path -> struct fdelta */
	change_cb		 cb;
	void			*arg;
	struct change_totals	*t;
};

/* One side of one phone. */
struct side {
	int			 present;
	struct resolution	 r;
	struct merged		*m;
};

const char *
change_cause_name(enum change_cause c)
{
	static const char *const names[] = {
		"edited", "listed", "unlisted", "file-appeared", "file-went",
		"override-appeared", "override-went", "phone-appeared",
		"phone-went", "malformed", "repaired", "reordered",
	};

	return names[c];
}

static int
same_str(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Append name to *dp, which doubles (and may move) at powers of two. */
static void
fdelta_add(struct fdelta **dp, const char *name)
{
	struct fdelta	*d = *dp;

	if ((d->n & (d->n - 1)) == 0)
		*dp = d = xreallocarray(d, 1, sizeof(*d) +
		    (d->n ? d->n * 2 : 1) * sizeof(d->names[0]));
	d->names[d->n++] = name;
}

/* The first value of name in cf, or NULL. */
static const char *
first_value(const struct cfgfile *cf, const char *name)
{
	size_t	i;

	if (cf == NULL || (i = cfgfile_first(cf, name)) == CFG_NONE)
		return NULL;
	return cf->params[i].value;
}

/* Add to *dp every name of a whose first value in b is another. */
static void
delta_one_way(struct fdelta **dp, const struct cfgfile *a,
    const struct cfgfile *b, int skip_common)
{
	const char	*name;
	size_t		 pos = 0;

	if (a == NULL)
		return;
	while ((name = cfgfile_next_name(a, &pos)) != NULL) {
		if (b != NULL && cfgfile_first(b, name) != CFG_NONE) {
			if (skip_common ||
			    same_str(first_value(a, name), first_value(b, name)))
				continue;
		}
		fdelta_add(dp, name);
	}
}

/*
 * What differs in path between the two parses (either may be NULL: not
 * read on that side).  Cached per path; a path names one file per share.
 */
static const struct fdelta *
delta(struct engine *e, const char *path, const struct cfgfile *a,
    const struct cfgfile *b)
{
	struct fdelta	*d;
	size_t		 i;

	if ((d = strmap_get(e->deltas, path)) != NULL)
		return d;
	d = xcalloc(1, sizeof(*d));
	if (a != NULL && b != NULL && a->nparams == b->nparams) {
		for (i = 0; i < a->nparams; i++)
			if (strcmp(a->params[i].name, b->params[i].name) != 0 ||
			    strcmp(a->params[i].value, b->params[i].value) != 0)
				break;
		if (i == a->nparams)
			goto done;
	}
	delta_one_way(&d, a, b, 0);
	delta_one_way(&d, b, a, 1);
done:
	strmap_put(e->deltas, path, d);
	return d;
}

/*
 * The delta of chain position i: phones share most of their files at the
 * same positions, so the phone before usually knows it already.
 */
static const struct fdelta *
delta_at(struct engine *e, size_t i, const struct chainfile *f,
    const struct chainfile *g)
{
	struct lastdelta	*l;

	if (i >= e->nlast) {
		e->last = xrecallocarray(e->last, e->nlast, i + 1,
		    sizeof(*e->last));
		e->nlast = i + 1;
	}
	l = &e->last[i];
	if (l->d == NULL || l->a != f->cf || l->b != g->cf) {
		l->a = f->cf;
		l->b = g->cf;
		l->d = delta(e, f->path, f->cf, g->cf);
	}
	return l->d;
}

static const struct chainfile *
find_file(const struct resolution *r, const char *path)
{
	size_t	i;

	if (path == NULL)
		return NULL;
	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].path, path) == 0)
			return &r->files[i];
	return NULL;
}

static void
touch_all(struct strmap *names, const struct cfgfile *cf)
{
	const char	*name;
	size_t		 pos = 0;

	if (cf == NULL)
		return;
	while ((name = cfgfile_next_name(cf, &pos)) != NULL)
		strmap_put(names, name, NULL);
}

static void
touch_delta(struct strmap *names, const struct fdelta *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		strmap_put(names, d->names[i], NULL);
}

/* The same files in the same roles and order on both sides. */
static int
same_files(const struct resolution *a, const struct resolution *b)
{
	size_t	i;

	if (a->nfiles != b->nfiles)
		return 0;
	for (i = 0; i < a->nfiles; i++)
		if (a->files[i].role != b->files[i].role ||
		    strcmp(a->files[i].path, b->files[i].path) != 0)
			return 0;
	return 1;
}

/*
 * The names whose effective value may differ: those a changed file
 * touches; every name of a file one side reads and the other does not;
 * every name of both chains when their common files changed order.
 */
static void
touched(struct engine *e, const struct resolution *a,
    const struct resolution *b, struct strmap *names)
{
	const struct chainfile	*f, *g;
	size_t			 i, ka, kb;
	int			 order = 1;

	if (same_files(a, b)) {
		for (i = 0; i < a->nfiles; i++)
			touch_delta(names, delta_at(e, i, &a->files[i],
			    &b->files[i]));
		return;
	}
	for (i = 0; i < a->nfiles; i++) {
		f = &a->files[i];
		if ((g = find_file(b, f->path)) == NULL || g->role != f->role)
			touch_all(names, f->cf);
		else if (f->cf != NULL || g->cf != NULL)
			touch_delta(names, delta(e, f->path, f->cf, g->cf));
	}
	for (i = 0; i < b->nfiles; i++) {
		g = &b->files[i];
		if ((f = find_file(a, g->path)) == NULL || g->role != f->role)
			touch_all(names, g->cf);
	}
	/* The files both read, in the same order on both sides? */
	for (ka = kb = 0; ka < a->nfiles && kb < b->nfiles; ka++, kb++) {
		while (ka < a->nfiles && find_file(b, a->files[ka].path) == NULL)
			ka++;
		while (kb < b->nfiles && find_file(a, b->files[kb].path) == NULL)
			kb++;
		if (ka < a->nfiles && kb < b->nfiles &&
		    strcmp(a->files[ka].path, b->files[kb].path) != 0) {
			order = 0;
			break;
		}
	}
	if (!order)
		for (i = 0; i < a->nfiles; i++) {
			touch_all(names, a->files[i].cf);
			touch_all(names, find_file(b, a->files[i].path) ?
			    find_file(b, a->files[i].path)->cf : NULL);
		}
}

/* Is the chain of a the chain of b, file for file, with the same values? */
static int
same_chain(struct engine *e, const struct resolution *a,
    const struct resolution *b)
{
	size_t	i;

	if (!same_str(a->master, b->master) || !same_files(a, b))
		return 0;
	for (i = 0; i < a->nfiles; i++)
		if (a->files[i].status != b->files[i].status ||
		    delta_at(e, i, &a->files[i], &b->files[i])->n > 0)
			return 0;
	return 1;
}

static void
add_name(struct strmap *names, const char *name)
{
	strmap_put(names, name, NULL);
}

/* name.<MODEL>: not a parameter of its own, the model's form of name. */
static int
model_form(const char *name, const char *model)
{
	size_t	len = strlen(name), ml = model ? strlen(model) : 0;

	return ml > 0 && len > ml + 1 && name[len - ml - 1] == '.' &&
	    strcmp(name + len - ml, model) == 0;
}

/*
 * A name set as name.<MODEL> changes name; device.set gates every
 * device.* and device.X.set gates device.X.
 */
static void
expand(struct strmap *names, const char *model, struct side *s)
{
	const char *const	*all;
	const char		*name;
	char			*base;
	size_t			 i, k, j, n, len, ml = model ? strlen(model) : 0;

	n = strmap_count(names);
	for (i = 0; i < n; i++) {
		strmap_at(names, i, &name);
		len = strlen(name);
		if (model_form(name, model)) {
			base = xstrndup(name, len - ml - 1);
			add_name(names, base);
			free(base);
		}
	}
	n = strmap_count(names);
	for (i = 0; i < n; i++) {
		strmap_at(names, i, &name);
		len = strlen(name);
		if (strcmp(name, "device.set") == 0) {
			for (k = 0; k < 2; k++) {
				if (!s[k].present)
					continue;
				j = merge_names(s[k].m, &all);
				while (j-- > 0)
					if (strncmp(all[j], "device.", 7) == 0)
						add_name(names, all[j]);
			}
		} else if (strncmp(name, "device.", 7) == 0 && len > 11 &&
		    strcmp(name + len - 4, ".set") == 0) {
			base = xstrndup(name, len - 4);
			add_name(names, base);
			free(base);
		}
	}
}

static void
side_set(struct change_side *cs, const struct side *s,
    const struct eparam *ep)
{
	cs->present = s->present;
	if (ep == NULL)
		return;
	cs->value = ep->value;
	cs->source = ep->source;
	cs->file = ep->file;
	cs->line = ep->line;
}

static void
cause_at(struct change *c, enum change_cause cause, const char *file,
    int line, enum role role)
{
	c->cause = cause;
	c->cause_file = file ? xstrdup(file) : NULL;
	c->cause_line = line;
	c->cause_role = role;
}

/* Where the master of r lists its files: the attribute's line. */
static void
list_at(struct change *c, const struct resolution *r)
{
	int	line = 0;
	char	*attr;

	if (r->master == NULL)
		return;
	c->list = xstrdup(r->master);
	if (r->mastercf != NULL && r->mastercf->status == CFG_OK) {
		attr = r->model ? xconcat("CONFIG_FILES_", r->model, NULL) :
		    NULL;
		if (attr == NULL || cfgfile_get(r->mastercf, attr, &line) ==
		    NULL)
			cfgfile_get(r->mastercf, "CONFIG_FILES", &line);
		free(attr);
	}
	c->list_line = line;
}

static int
is_override(enum role role)
{
	return role != ROLE_CONFIG;
}

/*
 * The winner's file is not read on the other side: gone says the old
 * winner's file is not read on the new side, else the new winner's was
 * not on the old.  Say why: it or the master is malformed, the override
 * or listed file is not on the share, the list does not name it.
 */
static int
file_went(struct change *c, const struct side *s, const char *path,
    int line, int gone)
{
	const struct resolution	*from = &s[gone ? 0 : 1].r;
	const struct resolution	*to = &s[gone ? 1 : 0].r;
	const struct chainfile	*f = find_file(from, path), *g;
	const struct cfgfile	*mfrom = from->mastercf, *mto = to->mastercf;

	if (f == NULL)
		return 0;
	if ((g = find_file(to, path)) != NULL && g->cf != NULL)
		return 0;
	if (g != NULL && g->status == CFG_MALFORMED)
		cause_at(c, gone ? CAUSE_MALFORMED : CAUSE_REPAIRED, path,
		    g->errline, f->role);
	else if (is_override(f->role))
		cause_at(c, gone ? CAUSE_OVERRIDE_GONE : CAUSE_OVERRIDE_NEW,
		    path, line, f->role);
	else if (mto != NULL && mto->status == CFG_MALFORMED &&
	    mfrom != NULL && mfrom->status == CFG_OK)
		cause_at(c, gone ? CAUSE_MALFORMED : CAUSE_REPAIRED,
		    to->master, mto->errline, ROLE_CONFIG);
	else if (g != NULL)
		cause_at(c, gone ? CAUSE_FILE_GONE : CAUSE_FILE_NEW, path, 0,
		    f->role);
	else {
		cause_at(c, gone ? CAUSE_UNLISTED : CAUSE_LISTED, path, 0,
		    f->role);
		list_at(c, from);
	}
	return 1;
}

/* The name's value in path differs between the two parses. */
static int
edited(const struct side *s, const char *path, const char *name)
{
	const struct chainfile	*f = find_file(&s[0].r, path);
	const struct chainfile	*g = find_file(&s[1].r, path);

	return f != NULL && g != NULL && f->cf != NULL && g->cf != NULL &&
	    !same_str(first_value(f->cf, name), first_value(g->cf, name));
}

/* A value that follows another: the first change among deps, if any. */
static int
inherit(struct change *c, const struct change *v, size_t n,
    const char *const *deps)
{
	size_t	i, k;

	for (k = 0; deps[k] != NULL; k++)
		for (i = 0; i < n; i++)
			if (strcmp(v[i].name, deps[k]) == 0) {
				c->cause = v[i].cause;
				c->cause_file = v[i].cause_file ?
				    xstrdup(v[i].cause_file) : NULL;
				c->cause_line = v[i].cause_line;
				c->cause_role = v[i].cause_role;
				c->list = v[i].list ? xstrdup(v[i].list) :
				    NULL;
				c->list_line = v[i].list_line;
				return 1;
			}
	return 0;
}

static enum role
source_role(enum psource src)
{
	return src == PSRC_PHONE_OVERRIDE ? ROLE_PHONE_OVERRIDE :
	    src == PSRC_WEB_OVERRIDE ? ROLE_WEB_OVERRIDE : ROLE_CONFIG;
}

/*
 * Why the effective value of c->name differs: the new winner's file, then
 * the old winner's, then the value it follows (a default follows the base
 * profile, a device.* value its gates).
 */
static void
classify(struct change *c, const struct side *s, const struct eparam *eo,
    const struct eparam *en, const struct change *done, size_t ndone)
{
	const struct eparam	*winner[2] = { en, eo };	/* [gone] */
	const struct eparam	*w;
	const char		*deps[3] = { NULL, NULL, NULL };
	char			*gate = NULL;
	int			 gone;

	for (gone = 0; gone < 2; gone++) {
		if ((w = winner[gone])->file == NULL)
			continue;
		if (edited(s, w->file, w->setname)) {
			cause_at(c, CAUSE_EDITED, w->file, w->line,
			    source_role(w->source));
			return;
		}
		if (file_went(c, s, w->file, w->line, gone))
			return;
	}
	if (strncmp(c->name, "reg.", 4) == 0)
		deps[0] = "device.baseProfile";
	else if (strncmp(c->name, "device.", 7) == 0) {
		gate = xconcat(c->name, ".set", NULL);
		deps[0] = "device.set";
		deps[1] = gate;
	}
	if (!inherit(c, done, ndone, deps))
		cause_at(c, CAUSE_REORDERED, s[1].r.master, 0, ROLE_CONFIG);
	free(gate);
}

static int
differs(const struct eparam *a, const struct eparam *b)
{
	return !same_str(a->value, b->value) ||
	    (a->source == PSRC_NOT_APPLIED) != (b->source == PSRC_NOT_APPLIED);
}

static struct change *
push(struct change_phone *cp, const char *name)
{
	struct change	*c;

	cp->v = xreallocarray(cp->v, cp->n + 1, sizeof(*cp->v));
	c = &cp->v[cp->n++];
	memset(c, 0, sizeof(*c));
	c->mac = cp->mac;
	c->name = xstrdup(name);
	return c;
}

/*
 * Leaders first, so that the values following them inherit their causes:
 * device.set gates every device.* value, device.X.set gates device.X, and
 * the PIN defaults follow device.baseProfile.
 */
static int
rank(const char *name)
{
	size_t	len = strlen(name);

	if (strcmp(name, "device.set") == 0)
		return 0;
	if (strncmp(name, "device.", 7) == 0 && len > 4 &&
	    strcmp(name + len - 4, ".set") == 0)
		return 1;
	return strcmp(name, "device.baseProfile") == 0 ? 2 : 3;
}

static int
cmpname(const void *a, const void *b)
{
	const char	*x = *(const char *const *)a, *y = *(const char *const *)b;
	int		 rx = rank(x), ry = rank(y);

	return rx != ry ? rx - ry : strcmp(x, y);
}

/* Compare the named values of a phone both sides describe. */
static void
compare_values(struct change_phone *cp, struct side *s, struct strmap *names)
{
	const struct eparam	*eo, *en;
	const char		**v, *name;
	struct change		*c;
	size_t			 i, k, n = strmap_count(names);

	v = xreallocarray(NULL, n, sizeof(*v));
	for (i = k = 0; i < n; i++) {
		strmap_at(names, i, &name);
		if (!model_form(name, s[0].r.model))
			v[k++] = name;
	}
	if ((n = k) > 0)
		qsort(v, n, sizeof(*v), cmpname);
	for (i = 0; i < n; i++) {
		eo = merge_get(s[0].m, v[i]);
		en = merge_get(s[1].m, v[i]);
		if (!differs(eo, en))
			continue;
		c = push(cp, v[i]);
		side_set(&c->old, &s[0], eo);
		side_set(&c->new, &s[1], en);
		classify(c, s, eo, en, cp->v, cp->n - 1);
	}
	free(v);
}

/* The verdict and the check that decided it, as scan --check pin has it. */
static void
pin_side(struct side *s, struct pin_report *pr, struct change_side *cs)
{
	static const enum pin_status order[] = { PIN_FAIL, PIN_UNKNOWN, PIN_OK };
	struct pin_input	in = { s->m, NULL, NULL };
	size_t			i, k;

	pin_evaluate(&in, pr);
	cs->present = 1;
	cs->value = pin_verdict_name(pr->verdict);
	cs->source = PSRC_CONFIG;
	/* The check that decided; for a yes, the first that passed. */
	for (k = 0; k < 3 && cs->file == NULL; k++)
		for (i = 0; i < pr->n; i++)
			if (pr->v[i].status == order[k] && pr->v[i].file) {
				cs->file = pr->v[i].file;
				cs->line = pr->v[i].line;
				break;
			}
}

/* The PIN verdict row, first; its cause that of a value it rests on. */
static void
compare_pin(struct change_phone *cp, struct side *s, size_t nvalues)
{
	struct pin_report	 pa, pb;
	struct change		 c, *v;
	size_t			 i;

	memset(&c, 0, sizeof(c));
	pin_side(&s[0], &pa, &c.old);
	pin_side(&s[1], &pb, &c.new);
	if (pa.verdict == pb.verdict)
		goto out;
	c.mac = cp->mac;
	c.name = xstrdup(CHANGE_PIN);
	for (i = 0; i < nvalues; i++)
		if ((cp->v[i].new.file != NULL && c.new.file != NULL &&
		    strcmp(cp->v[i].new.file, c.new.file) == 0 &&
		    cp->v[i].new.line == c.new.line) ||
		    (cp->v[i].old.file != NULL && c.old.file != NULL &&
		    strcmp(cp->v[i].old.file, c.old.file) == 0 &&
		    cp->v[i].old.line == c.old.line))
			break;
	if (i == nvalues)
		i = 0;
	if (i < nvalues) {
		c.cause = cp->v[i].cause;
		c.cause_file = cp->v[i].cause_file ?
		    xstrdup(cp->v[i].cause_file) : NULL;
		c.cause_line = cp->v[i].cause_line;
		c.cause_role = cp->v[i].cause_role;
		c.list = cp->v[i].list ? xstrdup(cp->v[i].list) : NULL;
		c.list_line = cp->v[i].list_line;
	} else
		c.cause = CAUSE_REORDERED;
	cp->v = xreallocarray(cp->v, cp->n + 1, sizeof(*cp->v));
	v = cp->v;
	memmove(v + 1, v, cp->n * sizeof(*v));
	v[0] = c;
	cp->n++;
out:
	pin_report_free(&pa);
	pin_report_free(&pb);
}

static void
change_free(struct change *c)
{
	free(c->name);
	free(c->cause_file);
	free(c->list);
}

/* A phone only one side describes: itself, its PIN verdict, --param. */
static void
lone_phone(struct engine *e, struct change_phone *cp, struct side *s)
{
	int		 k = s[0].present ? 0 : 1;
	struct change	*c;
	struct change_side *cs;
	struct pin_report pr;
	size_t		 i;

	c = push(cp, CHANGE_PHONE);
	cs = k == 0 ? &c->old : &c->new;
	cs->present = 1;
	cs->value = s[k].r.master;
	cs->file = s[k].r.master;
	cs->source = PSRC_CONFIG;
	if (e->o->nwant == 0 || e->o->pin) {
		c = push(cp, CHANGE_PIN);
		cs = k == 0 ? &c->old : &c->new;
		pin_side(&s[k], &pr, cs);
		pin_report_free(&pr);
	}
	for (i = 0; i < e->o->nwant && !e->o->pin; i++) {
		c = push(cp, e->o->want[i]);
		side_set(k == 0 ? &c->old : &c->new, &s[k],
		    merge_get(s[k].m, e->o->want[i]));
	}
	for (i = 0; i < cp->n; i++) {
		cp->v[i].cause = k == 0 ? CAUSE_PHONE_GONE : CAUSE_PHONE_NEW;
		(k == 0 ? &cp->v[i].new : &cp->v[i].old)->present = 0;
	}
}

/* The PIN set of both sides. */
static void
both_pin_names(struct strmap *names, struct side *s)
{
	char	**v;
	size_t	  n, i, k;

	for (k = 0; k < 2; k++) {
		n = pin_names(s[k].m, &v);
		for (i = 0; i < n; i++) {
			add_name(names, v[i]);
			free(v[i]);
		}
		free(v);
	}
}

/* A side in a summary key: absent, unset, or the value as it is. */
static void
key_side(char **key, const struct change_side *cs)
{
	char	*k;

	k = xconcat(*key, "\t", !cs->present ? "A" : cs->value == NULL ? "U" :
	    "V", cs->present && cs->value ? cs->value : "", NULL);
	free(*key);
	*key = k;
}

/*
 * Count the phone's changes by name, transition and cause.  Values go
 * into the keys as they are: two different secrets are two rows.
 */
static void
tally(struct engine *e, const struct change_phone *cp)
{
	const struct change	*c;
	char			*why, *key, *tmp;
	uintptr_t		 n;
	size_t			 i;

	for (i = 0; i < cp->n; i++) {
		c = &cp->v[i];
		key = xstrdup(c->name);
		key_side(&key, &c->old);
		key_side(&key, &c->new);
		why = change_why(c, 1);
		tmp = xconcat(key, "\tV", why, NULL);
		free(key);
		key = tmp;
		n = (uintptr_t)strmap_get(e->t->summary, key);
		strmap_set(e->t->summary, key, (void *)(n + 1));
		free(key);
		free(why);
	}
}

/* Resolve and compare one phone; sides not present stay empty. */
static void
one_phone(struct engine *e, const char *mac, int in_old, int in_new)
{
	struct side		 s[2];
	struct change_phone	 cp;
	struct strmap		*names = NULL;
	size_t			 i, nvalues, keep;
	int			 k;

	memset(s, 0, sizeof(s));
	memset(&cp, 0, sizeof(cp));
	memcpy(cp.mac, mac, MAC_LEN + 1);
	s[0].present = in_old;
	s[1].present = in_new;
	for (k = 0; k < 2; k++)
		if (s[k].present) {
			resolve_phone(e->sh[k], mac, e->o->model, NULL,
			    &s[k].r);
			s[k].m = merge_new(&s[k].r);
		}
	e->t->phones++;
	if (!in_old || !in_new) {
		lone_phone(e, &cp, s);
		if (in_old)
			e->t->went++;
		else
			e->t->appeared++;
	} else if (!same_chain(e, &s[0].r, &s[1].r)) {
		names = strmap_new();
		if (e->o->nwant > 0 && !e->o->pin)
			for (i = 0; i < e->o->nwant; i++)
				add_name(names, e->o->want[i]);
		else {
			touched(e, &s[0].r, &s[1].r, names);
			both_pin_names(names, s);
			expand(names, e->o->model, s);
		}
		compare_values(&cp, s, names);
		nvalues = cp.n;
		if (e->o->nwant == 0 || e->o->pin)
			compare_pin(&cp, s, nvalues);
		/* --check pin: the values only explain the verdict. */
		if (e->o->pin) {
			keep = cp.n > 0 && strcmp(cp.v[0].name, CHANGE_PIN) == 0;
			for (i = keep; i < cp.n; i++)
				change_free(&cp.v[i]);
			cp.n = keep;
		}
		strmap_free(names, NULL);
	}
	if (cp.n > 0) {
		e->t->changed++;
		tally(e, &cp);
		e->cb(e->arg, &cp);
	}
	for (i = 0; i < cp.n; i++)
		change_free(&cp.v[i]);
	free(cp.v);
	for (k = 0; k < 2; k++) {
		merge_free(s[k].m);
		if (s[k].present) {
			resolve_release(e->sh[k], &s[k].r);
			resolution_free(&s[k].r);
		}
	}
}

/* From a server, phones this far ahead are fetched for. */
#define CHANGE_AHEAD	128

/* Targets for the phones of pl, and a prefetch over them. */
static struct prefetch *
prefetch_for(struct share *sh, const struct phonelist *pl, const char *model,
    struct resolve_target **t)
{
	size_t	i;

	*t = xcalloc(pl->n + 1, sizeof(**t));
	for (i = 0; i < pl->n; i++) {
		(*t)[i].mac = pl->mac[i];
		(*t)[i].model = model;
	}
	return prefetch_new(sh, *t, pl->n, NULL, CHANGE_AHEAD);
}

/*
 * Compare every phone either share describes; cb gets each phone that
 * changed, in MAC order.  Returns -1 with *cause when a share's root
 * cannot be listed.  The caller frees t with change_totals_free().
 */
int
change_shares(struct share *old, struct share *new,
    const struct change_opts *o, change_cb cb, void *arg,
    struct change_totals *t, char **cause)
{
	struct engine		e;
	struct phonelist	pl[2];
	struct prefetch		*pf[2];
	struct resolve_target	*tg[2];
	size_t			i = 0, k = 0;
	int			c;

	memset(t, 0, sizeof(*t));
	t->summary = strmap_new();
	if (scan_phones(old, &pl[0], cause) == -1)
		return -1;
	if (scan_phones(new, &pl[1], cause) == -1) {
		phonelist_free(&pl[0]);
		return -1;
	}
	memset(&e, 0, sizeof(e));
	e.sh[0] = old;
	e.sh[1] = new;
	e.o = o;
	e.deltas = strmap_new();
	e.cb = cb;
	e.arg = arg;
	e.t = t;
	pf[0] = prefetch_for(old, &pl[0], o->model, &tg[0]);
	pf[1] = prefetch_for(new, &pl[1], o->model, &tg[1]);
	while (i < pl[0].n || k < pl[1].n) {
		prefetch_wait(pf[0], i);
		prefetch_wait(pf[1], k);
		if (i == pl[0].n)
			c = 1;
		else if (k == pl[1].n)
			c = -1;
		else
			c = strcmp(pl[0].mac[i], pl[1].mac[k]);
		if (c == 0) {
			one_phone(&e, pl[0].mac[i++], 1, 1);
			k++;
		} else if (c < 0)
			one_phone(&e, pl[0].mac[i++], 1, 0);
		else
			one_phone(&e, pl[1].mac[k++], 0, 1);
	}
	for (c = 0; c < 2; c++) {
		prefetch_free(pf[c]);
		free(tg[c]);
	}
	strmap_free(e.deltas, free);
	free(e.last);
	phonelist_free(&pl[0]);
	phonelist_free(&pl[1]);
	return 0;
}

/* How the cause reads; in the summary, override files count as a kind. */
static char *
cause_words(const struct change *c, int summary)
{
	const char	*f = c->cause_file ? c->cause_file : "?";
	char		*path, *s;
	const char	*kind;

	kind = c->cause_role == ROLE_PHONE_OVERRIDE ? "phone-override file" :
	    c->cause_role == ROLE_WEB_OVERRIDE ? "web-override file" : NULL;
	path = redact_url(f);
	switch (c->cause) {
	case CAUSE_EDITED:
		if (summary && kind != NULL)
			s = xasprintf("%s edited", kind);
		else
			s = xasprintf("%s:%d edited", path, c->cause_line);
		break;
	case CAUSE_LISTED:
	case CAUSE_UNLISTED:
		s = xasprintf("%s %s the list the phone reads", path,
		    c->cause == CAUSE_LISTED ? "added to" : "removed from");
		break;
	case CAUSE_FILE_NEW:
		s = xasprintf("listed file %s appeared", path);
		break;
	case CAUSE_FILE_GONE:
		s = xasprintf("listed file %s went", path);
		break;
	case CAUSE_OVERRIDE_NEW:
	case CAUSE_OVERRIDE_GONE:
		s = xasprintf("%s%s%s %s", kind ? kind : "override file",
		    summary ? "" : " ", summary ? "" : path,
		    c->cause == CAUSE_OVERRIDE_NEW ? "appeared" : "went");
		break;
	case CAUSE_PHONE_NEW:
		s = xstrdup("phone appeared");
		break;
	case CAUSE_PHONE_GONE:
		s = xstrdup("phone went");
		break;
	case CAUSE_MALFORMED:
		if (summary || c->cause_line == 0)
			s = xasprintf("%s became malformed", path);
		else
			s = xasprintf("%s became malformed (line %d)", path,
			    c->cause_line);
		break;
	case CAUSE_REPAIRED:
		s = xasprintf("%s is no longer malformed", path);
		break;
	default:
		s = xstrdup("the files the phone reads changed order");
		break;
	}
	free(path);
	return s;
}

/*
 * The cause in words, malloced; for the summary, the override files of
 * many phones are one kind of file.
 */
char *
change_why(const struct change *c, int summary)
{
	return cause_words(c, summary);
}

static int
cmprow(const void *x, const void *y)
{
	const struct change_row	*a = x, *b = y;
	int			 pa = strcmp(a->name, CHANGE_PIN) == 0;
	int			 pb = strcmp(b->name, CHANGE_PIN) == 0;
	int			 r;

	if (pa != pb)
		return pb - pa;
	if ((r = strcmp(a->name, b->name)) != 0)
		return r;
	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	return strcmp(a->old.value ? a->old.value : "",
	    b->old.value ? b->old.value : "");
}

/* Split "\tA", "\tU" or "\tVvalue" off *p into cs. */
static void
split_side(char **p, struct change_side *cs)
{
	char	*s = *p, *tab;

	memset(cs, 0, sizeof(*cs));
	cs->present = s[0] != 'A';
	cs->value = s[0] == 'V' ? s + 1 : NULL;
	if ((tab = strchr(s, '\t')) != NULL) {
		*tab = '\0';
		*p = tab + 1;
	}
}

/*
 * The summary: phones per parameter, transition and cause, the PIN
 * verdict first, then by name and count.  Free with change_rows_free().
 */
size_t
change_summary(const struct change_totals *t, struct change_row **rows)
{
	struct change_row	*v;
	struct change_side	 why;
	const char		*key;
	char			*p;
	size_t			 i, n = strmap_count(t->summary);

	v = xreallocarray(NULL, n, sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].count = (uintptr_t)strmap_at(t->summary, i, &key);
		v[i].name = p = xstrdup(key);
		p = strchr(p, '\t');
		*p++ = '\0';
		split_side(&p, &v[i].old);
		split_side(&p, &v[i].new);
		split_side(&p, &why);
		v[i].cause = why.value;
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), cmprow);
	*rows = v;
	return n;
}

void
change_rows_free(struct change_row *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void
change_totals_free(struct change_totals *t)
{
	strmap_free(t->summary, NULL);
	t->summary = NULL;
}
