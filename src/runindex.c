#include <stdlib.h>
#include <string.h>

#include "resolve.h"
#include "runindex.h"
#include "share.h"
#include "strmap.h"
#include "xalloc.h"

/*
 * Parameters indexed over all the runs of one share at most: a share
 * whose phones list many different runs costs no more than this once;
 * past it a merge looks in each file, as without an index.
 */
#define RUN_MAX_PARAMS	(1u << 20)
#define RUN_MEMO	"run-index:"	/* share memo keys */

/* A name's first and last occurrence. */
struct ends {
	uint32_t	head;
	uint32_t	tail;
};

struct runindex {
	struct strmap	*names;		/* name -> index + 1 into ends */
	struct ends	*ends;
	struct runocc	*occ;
};

/* A share's runs: the budget spent, and the last run asked for. */
struct runs {
	size_t			 spent;
	const struct cfgfile	**last;
	size_t			 nlast;
	const struct runindex	*lastri;
};

static void
runs_free(void *p)
{
	struct runs	*rs = p;

	free(rs->last);
	free(rs);
}

static void
runindex_free(void *p)
{
	struct runindex	*ri = p;

	strmap_free(ri->names, NULL);
	free(ri->ends);
	free(ri->occ);
	free(ri);
}

static struct runindex *
build(const struct chainfile *files, size_t n, size_t total)
{
	struct runindex		*ri;
	const struct cfgfile	*cf;
	struct ends		 *e;
	void			**slot;
	size_t			  j, i, o = 0, ne = 0;

	ri = xcalloc(1, sizeof(*ri));
	ri->names = strmap_new_sized(total);
	ri->ends = xreallocarray(NULL, total, sizeof(*ri->ends));
	ri->occ = xreallocarray(NULL, total, sizeof(*ri->occ));
	for (j = 0; j < n; j++) {
		cf = files[j].cf;
		for (i = 0; i < cf->nparams; i++, o++) {
			ri->occ[o].file = (uint32_t)j;
			ri->occ[o].param = (uint32_t)i;
			ri->occ[o].next = RUN_NONE;
			slot = strmap_slot(ri->names, cf->params[i].name);
			if (*slot == NULL) {
				ri->ends[ne].head = ri->ends[ne].tail =
				    (uint32_t)o;
				*slot = (void *)(uintptr_t)++ne;
			} else {
				e = &ri->ends[(uintptr_t)*slot - 1];
				ri->occ[e->tail].next = (uint32_t)o;
				e->tail = (uint32_t)o;
			}
		}
	}
	return ri;
}

/*
 * The index of the n chain files at files, each parsed and kept by the
 * share for good, made on first use and kept by the share; NULL when the
 * share's budget is spent.  The key is the files' addresses: a kept
 * file's address is never reused while the share lives.
 */
const struct runindex *
runindex_get(struct share *sh, const struct chainfile *files, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	struct runindex		*ri;
	struct runs		*rs;
	size_t			 total = 0, j, k, len;
	uintptr_t		 a;
	char			*key;

	if ((rs = share_memo(sh, RUN_MEMO)) == NULL) {
		rs = xcalloc(1, sizeof(*rs));
		share_memo_put(sh, RUN_MEMO, rs, runs_free);
	}
	/* Phone after phone lists the same run. */
	for (j = 0; j < n && j < rs->nlast && files[j].cf == rs->last[j]; j++)
		;
	if (j == n && n == rs->nlast)
		return rs->lastri;
	len = sizeof(RUN_MEMO) - 1;
	key = xmalloc(len + n * sizeof(a) * 2 + 1);
	memcpy(key, RUN_MEMO, len);
	for (j = 0; j < n; j++)
		for (a = (uintptr_t)files[j].cf, k = 0; k < sizeof(a) * 2;
		    k++, a >>= 4)
			key[len++] = hex[a & 0xf];
	key[len] = '\0';
	if ((ri = share_memo(sh, key)) == NULL) {
		for (j = 0; j < n; j++)
			total += files[j].cf->nparams;
		if (total <= RUN_MAX_PARAMS - rs->spent) {
			rs->spent += total;
			ri = build(files, n, total);
			share_memo_put(sh, key, ri, runindex_free);
		}
	}
	free(key);
	rs->last = xreallocarray(rs->last, n, sizeof(*rs->last));
	for (j = 0; j < n; j++)
		rs->last[j] = files[j].cf;
	rs->nlast = n;
	rs->lastri = ri;
	return ri;
}

/* The first occurrence of name (its strmap_hash() is h), or RUN_NONE. */
uint32_t
runindex_first(const struct runindex *ri, const char *name, uint32_t h)
{
	uintptr_t	k = (uintptr_t)strmap_get_hashed(ri->names, name, h);

	return k == 0 ? RUN_NONE : ri->ends[k - 1].head;
}

const struct runocc *
runindex_occ(const struct runindex *ri, uint32_t o)
{
	return &ri->occ[o];
}
