#include <stdlib.h>
#include <string.h>

#include "prefetch.h"
#include "share.h"
#include "strmap.h"
#include "xalloc.h"

struct waiters {
	size_t	*v;		/* phones that lack the file */
	size_t	 n;
	size_t	 cap;
};

struct prefetch {
	struct share			*sh;
	const struct resolve_target	*t;		/* borrowed */
	size_t				 n;
	const char			*master;
	size_t				 window;	/* phones probed ahead */
	size_t				 next;		/* not probed yet */
	size_t				*pending;	/* per phone: files lacked */
	struct strmap			*waiting;	/* path -> waiters */
	prefetch_progress		*progress;
	void				*arg;
};

static void
waiters_free(void *p)
{
	struct waiters	*w = p;

	if (w != NULL)
		free(w->v);
	free(w);
}

/* Resolve phone i as far as its files are here; note what it lacks. */
static void
probe(struct prefetch *pf, size_t i)
{
	struct resolution	 r;
	struct waiters		*w;
	const char *const	*paths;
	size_t			 n, k;

	share_probe(pf->sh, 1);
	resolve_phone(pf->sh, pf->t[i].mac, pf->t[i].model, pf->master, &r);
	n = share_missed(pf->sh, &paths);
	for (k = 0; k < n; k++) {
		if ((w = strmap_get(pf->waiting, paths[k])) == NULL) {
			w = xcalloc(1, sizeof(*w));
			strmap_set(pf->waiting, paths[k], w);
		}
		if (w->n == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 4;
			w->v = xreallocarray(w->v, w->cap, sizeof(*w->v));
		}
		w->v[w->n++] = i;
	}
	pf->pending[i] = n;
	share_probe(pf->sh, 0);
	resolve_release(pf->sh, &r);
	resolution_free(&r);
}

/* Probe every phone up to, not including, upto the first time. */
static void
fill(struct prefetch *pf, size_t upto)
{
	while (pf->next < pf->n && pf->next < upto)
		probe(pf, pf->next++);
}

/*
 * Take the files that came (waiting for some if block); probe again each
 * phone that now has all it lacked.
 */
static size_t
pump(struct prefetch *pf, int block)
{
	struct waiters		*w;
	const char *const	*paths;
	size_t			 n, k, j;

	n = share_pump(pf->sh, &paths, block);
	for (k = 0; k < n; k++) {
		if ((w = strmap_get(pf->waiting, paths[k])) == NULL)
			continue;
		strmap_set(pf->waiting, paths[k], NULL);
		for (j = 0; j < w->n; j++)
			if (pf->pending[w->v[j]] > 0 &&
			    --pf->pending[w->v[j]] == 0)
				probe(pf, w->v[j]);
		waiters_free(w);
	}
	if (n > 0 && pf->progress != NULL)
		pf->progress(pf->arg, share_stats(pf->sh));
	return n;
}

/*
 * Fetch ahead for the n phones in t, in this order, window of them at a
 * time (0: all).  t must live as long as the prefetch.
 */
struct prefetch *
prefetch_new(struct share *sh, const struct resolve_target *t, size_t n,
    const char *master, size_t window)
{
	struct prefetch	*pf;

	pf = xcalloc(1, sizeof(*pf));
	pf->sh = sh;
	pf->t = t;
	pf->n = share_fetches(sh) ? n : 0;
	pf->master = master;
	pf->window = window > 0 ? window : n;
	pf->pending = xcalloc(pf->n + 1, sizeof(*pf->pending));
	pf->waiting = strmap_new();
	return pf;
}

void
prefetch_progress_to(struct prefetch *pf, prefetch_progress *fn, void *arg)
{
	pf->progress = fn;
	pf->arg = arg;
}

/*
 * Return when phone i has all its files in memory, or when no fetch is
 * left that could bring them; keep the window ahead of i busy meanwhile.
 */
void
prefetch_wait(struct prefetch *pf, size_t i)
{
	if (i >= pf->n)
		return;
	fill(pf, pf->window > pf->n - i ? pf->n : i + pf->window);
	/* Free slots get new transfers even while phones are ready. */
	while (pump(pf, 0) > 0)
		;
	while (pf->pending[i] > 0 && pump(pf, 1) > 0)
		;
}

void
prefetch_free(struct prefetch *pf)
{
	if (pf == NULL)
		return;
	free(pf->pending);
	strmap_free(pf->waiting, waiters_free);
	free(pf);
}
