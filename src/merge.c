/*
 * The first value found wins: the chain is walked highest precedence
 * first and, inside a file, in document order.  Values are computed on
 * demand and cached, so asking for a handful of parameters (scan) costs a
 * handful of index look-ups, not a walk over every file.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "redact.h"
#include "runindex.h"
#include "strmap.h"
#include "strpool.h"
#include "xalloc.h"

struct occ {
	struct origin	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * The first parameters asked for are kept in a short list, compared by
 * hash: scan asks five a phone, and a map for five cost 1,700
 * instructions to make and free.  A merge asked for more (show, audit)
 * keeps the rest in a map.
 */
#define MERGE_FEW	8

struct merged {
	const struct resolution	*r;
	struct eparam		*few[MERGE_FEW];
	uint32_t		 fewhash[MERGE_FEW];
	size_t			 nfew;
	struct strmap		*cache;		/* name -> struct eparam; or NULL */
	struct strpool		 pool;		/* the eparams and what they own */
	struct occ		 occ;		/* compute()'s, reused */
	const char		**names;	/* sorted; NULL until asked */
	size_t			 nnames;
	struct strmap		*nameset;	/* owns the names' storage */
};

const char *
psource_name(enum psource s)
{
	static const char *const names[] = {
		"phone-override", "web-override", "config", "default",
		"unset", "not-applied",
	};

	return names[s];
}

static enum psource
role_source(enum role role)
{
	switch (role) {
	case ROLE_PHONE_OVERRIDE:
		return PSRC_PHONE_OVERRIDE;
	case ROLE_WEB_OVERRIDE:
		return PSRC_WEB_OVERRIDE;
	default:
		return PSRC_CONFIG;
	}
}

void
merge_free(struct merged *m)
{
	if (m == NULL)
		return;
	/* The parameters are the pool's: few and cache only point at them. */
	strpool_free(&m->pool);
	strmap_free(m->cache, NULL);
	strmap_free(m->nameset, NULL);
	free(m->names);
	free(m->occ.v);
	free(m);
}

struct merged *
merge_new(const struct resolution *r)
{
	struct merged	*m;

	m = xcalloc(1, sizeof(*m));
	m->r = r;
	return m;
}

static void
add_origin(struct occ *o, const struct chainfile *f, const struct cfgparam *p)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 4;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	o->v[o->n].name = p->name;
	o->v[o->n].value = p->value;
	o->v[o->n].file = f->path;
	o->v[o->n].line = p->line;
	o->v[o->n].role = f->role;
	o->n++;
}

/*
 * Append every occurrence of name (whose strmap_hash() is h) along the
 * chain, in precedence order.
 */
static void
occurrences(const struct merged *m, const char *name, uint32_t h,
    struct occ *o)
{
	const struct resolution	*r = m->r;
	const struct chainfile	*f;
	const struct runocc	*ro;
	size_t			 i, k;
	uint32_t		 ri;

	if (resolve_is_master_attr(name))
		return;
	for (k = 0; k < r->nfiles; k++) {
		/* The site files: one look-up for the whole run. */
		if (r->run != NULL && k == r->runfirst) {
			for (ri = runindex_first(r->run, name, h);
			    ri != RUN_NONE; ri = ro->next) {
				ro = runindex_occ(r->run, ri);
				f = &r->files[k + ro->file];
				add_origin(o, f, &f->cf->params[ro->param]);
			}
			k += r->runlen - 1;
			continue;
		}
		f = &r->files[k];
		if (f->cf == NULL)
			continue;
		for (i = cfgfile_first_hashed(f->cf, name, h); i != CFG_NONE;
		    i = cfgfile_next(f->cf, i))
			add_origin(o, f, &f->cf->params[i]);
	}
}

/* Rule 9: device.* needs device.set and its own .set; gates are not gated. */
static int
is_gated(const char *name)
{
	size_t	len = strlen(name);

	return strncmp(name, "device.", 7) == 0 &&
	    strcmp(name, "device.set") != 0 &&
	    !(len > 4 && strcmp(name + len - 4, ".set") == 0);
}

static int
is_one(const struct eparam *e)
{
	return e->value != NULL && strcmp(e->value, "1") == 0;
}

/* Rule 10: the first default a rule knows (merge_defaults[]), else unset. */
static void
set_default(struct merged *m, struct eparam *e)
{
	const struct merge_default	*d;

	e->source = PSRC_UNSET;
	for (d = merge_defaults; d->get != NULL; d++)
		if (d->get(m, e->name, &e->value, &e->note)) {
			e->source = PSRC_DEFAULT;
			return;
		}
}

/*
 * name (len bytes) with a and b after it, in the merge's pool: the names
 * a parameter is looked up by, asked for every phone.
 */
static const char *
suffixed(struct merged *m, const char *name, size_t len, const char *a,
    const char *b)
{
	size_t	 al = strlen(a), bl = strlen(b);
	char	*s = strpool_calloc(&m->pool, 1, len + al + bl + 1);

	memcpy(s, name, len);
	memcpy(s + len, a, al);
	memcpy(s + len + al, b, bl);
	return s;
}

/*
 * The parameter name (whose strmap_hash() is h), made in the merge's
 * pool: a phone's parameters are freed together, with the merge.
 */
static struct eparam *
compute(struct merged *m, const char *name, uint32_t h)
{
	struct eparam		*e;
	struct occ		*o = &m->occ;
	const struct origin	*win;
	const struct eparam	*g;
	const char		*sname, *gname;
	size_t			 len = strlen(name);

	e = strpool_calloc(&m->pool, 1, sizeof(*e) + len + 1);
	e->name = (char *)(e + 1);
	memcpy(e->name, name, len + 1);
	/* Rule 8: name.<MODEL> anywhere beats name everywhere. */
	o->n = 0;
	if (m->r->model != NULL) {
		sname = suffixed(m, name, len, ".", m->r->model);
		occurrences(m, sname, strmap_hash(sname), o);
	}
	occurrences(m, name, h, o);
	if (o->n == 0) {
		set_default(m, e);
		return e;
	}
	win = &o->v[0];
	e->value = win->value;
	e->setname = win->name;
	e->file = win->file;
	e->line = win->line;
	e->source = role_source(win->role);
	/* The losers, copied out: the gates below use o again. */
	if ((e->nshadowed = o->n - 1) > 0) {
		e->shadowed = strpool_calloc(&m->pool, e->nshadowed,
		    sizeof(*e->shadowed));
		memcpy(e->shadowed, o->v + 1, e->nshadowed *
		    sizeof(*e->shadowed));
	}
	if (is_gated(name)) {
		g = merge_get(m, "device.set");
		gname = suffixed(m, name, len, ".set", "");
		if (!is_one(g)) {
			e->source = PSRC_NOT_APPLIED;
			e->note = "not applied: device.set is not 1";
		} else if (!is_one(merge_get(m, gname))) {
			e->source = PSRC_NOT_APPLIED;
			e->note = "not applied: its .set is not 1";
		}
	}
	return e;
}

/* The effective value of name; borrowed, lives as long as the merge. */
const struct eparam *
merge_get(struct merged *m, const char *name)
{
	struct eparam	*e;
	uint32_t	 h = strmap_hash(name);
	size_t		 i;

	/* One hash for the look-up, the files' indexes and the insertion. */
	for (i = 0; i < m->nfew; i++)
		if (m->fewhash[i] == h && strcmp(m->few[i]->name, name) == 0)
			return m->few[i];
	if (m->cache != NULL &&
	    (e = strmap_get_hashed(m->cache, name, h)) != NULL)
		return e;
	e = compute(m, name, h);
	if (m->nfew < MERGE_FEW) {
		m->fewhash[m->nfew] = h;
		m->few[m->nfew++] = e;
		return e;
	}
	if (m->cache == NULL)
		m->cache = strmap_new();
	strmap_put_hashed(m->cache, name, h, e);
	return e;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Every parameter name set in an applicable file, sorted; a name set only
 * as name.<MODEL> for the phone's model brings in name as well.
 */
size_t
merge_names(struct merged *m, const char *const **names)
{
	const struct cfgfile	*cf;
	const char		*n, *key;
	char			*base;
	size_t			 k, i, ml, nl;

	if (m->nameset == NULL) {
		m->nameset = strmap_new();
		ml = m->r->model ? strlen(m->r->model) : 0;
		for (k = 0; k < m->r->nfiles; k++) {
			if ((cf = m->r->files[k].cf) == NULL)
				continue;
			for (i = 0; i < cf->nparams; i++) {
				n = cf->params[i].name;
				if (resolve_is_master_attr(n))
					continue;
				strmap_put(m->nameset, n, NULL);
				nl = strlen(n);
				if (ml > 0 && nl > ml + 1 && n[nl - ml - 1] ==
				    '.' && strcmp(n + nl - ml, m->r->model) == 0) {
					base = xstrndup(n, nl - ml - 1);
					strmap_put(m->nameset, base, NULL);
					free(base);
				}
			}
		}
		m->nnames = strmap_count(m->nameset);
		m->names = xreallocarray(NULL, m->nnames, sizeof(*m->names));
		for (i = 0; i < m->nnames; i++) {
			strmap_at(m->nameset, i, &key);
			m->names[i] = key;
		}
		if (m->nnames > 0)
			qsort(m->names, m->nnames, sizeof(*m->names), cmpstr);
	}
	*names = m->names;
	return m->nnames;
}

/* Report conflicting values for one parameter, once per kind. */
static void
check_conflicts(const struct eparam *e, struct findings *fs)
{
	const struct origin	*o;
	const char		*ev, *ov;
	size_t			 i;
	int			 cross = 0, inner = 0, over = 0;

	/* Findings print even without --show-secrets: never the values. */
	ev = redact_value(e->name, e->value);
	for (i = 0; i < e->nshadowed; i++) {
		o = &e->shadowed[i];
		if (strcmp(o->value, e->value) == 0)
			continue;
		ov = redact_value(e->name, o->value);
		if (o->file == e->file && strcmp(o->name, e->setname) == 0) {
			if (inner++ == 0)
				findings_add(fs, FIND_CONFLICT,
				    o->file, o->line, "%s set twice in one "
				    "file: \"%s\" here loses to \"%s\" at line "
				    "%d", e->name, ov, ev,
				    e->line);
		} else if (e->source == PSRC_PHONE_OVERRIDE ||
		    e->source == PSRC_WEB_OVERRIDE) {
			if (over++ == 0)
				findings_add(fs, FIND_OVERRIDDEN,
				    e->file, e->line, "%s: the %s sets \"%s\", "
				    "shadowing \"%s\" from %s:%d", e->name,
				    e->source == PSRC_PHONE_OVERRIDE ?
				    "phone-UI override" : "web override",
				    ev, ov, o->file, o->line);
		} else if (o->role == ROLE_CONFIG && o->file != e->file) {
			if (cross++ == 0)
				findings_add(fs, FIND_CONFLICT,
				    o->file, o->line, "%s=\"%s\" here is "
				    "shadowed by \"%s\" from %s:%d", e->name,
				    ov, ev, e->file, e->line);
		}
	}
}

/*
 * Findings about the merged view as a whole: conflicting duplicates,
 * names that differ only in case, device.* values that are not applied.
 */
void
merge_check(struct merged *m, struct findings *fs)
{
	const struct eparam	*e, *first = NULL;
	const char *const	*names;
	struct strmap		*folded;
	const char		*other;
	char			*low, *p;
	size_t			 i, n, gated = 0;

	n = merge_names(m, &names);
	folded = strmap_new();
	for (i = 0; i < n; i++) {
		e = merge_get(m, names[i]);
		if (e->value != NULL && e->setname != NULL)
			check_conflicts(e, fs);
		if (e->source == PSRC_NOT_APPLIED && *e->value != '\0' &&
		    gated++ == 0)
			first = e;
		low = xstrdup(names[i]);
		for (p = low; *p != '\0'; p++)
			*p = tolower((unsigned char)*p);
		if ((other = strmap_get(folded, low)) != NULL)
			findings_add(fs, FIND_NAME_CASE, e->file,
			    e->line, "%s differs from %s only in case; phones "
			    "treat names as case-sensitive, so one of them is "
			    "likely misspelled", names[i], other);
		else
			strmap_put(folded, low, (void *)names[i]);
		free(low);
	}
	strmap_free(folded, NULL);
	if (gated > 0)
		findings_add(fs, FIND_NOT_APPLIED, first->file,
		    first->line, "%zu device.* value%s not applied because "
		    "device.set or the parameter's own .set is not 1 "
		    "(first: %s)", gated, gated == 1 ? " is" : "s are",
		    first->name);
}

/*
 * The value of name when it takes effect (set by a file, through the
 * device.set gates for device.*) and is not blank, else NULL; *ep is the
 * parameter either way (NULL when no file names it).
 */
const char *
merge_applied(struct merged *m, const char *name, const struct eparam **ep)
{
	const struct eparam	*e = merge_get(m, name);
	const char		*v;

	*ep = e;
	if (e == NULL || e->value == NULL || (e->source != PSRC_CONFIG &&
	    e->source != PSRC_PHONE_OVERRIDE && e->source != PSRC_WEB_OVERRIDE))
		return NULL;
	for (v = e->value; isspace((unsigned char)*v); v++)
		;
	return *v != '\0' ? e->value : NULL;
}

/* The resolution the merge was made from. */
const struct resolution *
merge_resolution(const struct merged *m)
{
	return m->r;
}
