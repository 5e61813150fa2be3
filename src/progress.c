#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "share.h"
#include "xalloc.h"

#define PROGRESS_EVERY	0.1	/* seconds between two drawings */

struct progress {
	double	start;
	double	drawn;		/* when last drawn; 0 if never */
	size_t	fetched;
	size_t	planned;
	size_t	phones;
	size_t	total;
};

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A progress line, or NULL when standard error is not a terminal. */
struct progress *
progress_new(void)
{
	struct progress	*p;

	if (!isatty(STDERR_FILENO))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->start = now();
	return p;
}

static void
draw(struct progress *p, int force)
{
	double	t = now(), secs = t - p->start;

	if (!force && t - p->drawn < PROGRESS_EVERY)
		return;
	p->drawn = t;
	fprintf(stderr, "\r\033[K%zu/%zu files fetched", p->fetched,
	    p->planned);
	if (p->total > 0)
		fprintf(stderr, ", %zu/%zu phones resolved", p->phones,
		    p->total);
	if (secs > 0)
		fprintf(stderr, ", %.0f files/s", p->fetched / secs);
	fflush(stderr);
}

/* A prefetch_progress: what the share fetched so far. */
void
progress_files(void *arg, const struct share_stats *st)
{
	struct progress	*p = arg;

	if (p == NULL)
		return;
	p->fetched = st->fetched;
	p->planned = st->planned;
	draw(p, 0);
}

void
progress_phones(struct progress *p, size_t done, size_t total)
{
	if (p == NULL)
		return;
	p->phones = done;
	p->total = total;
	draw(p, 0);
}

/* Clear the line, so what follows starts clean. */
void
progress_end(struct progress *p)
{
	if (p == NULL)
		return;
	if (p->drawn > 0) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	free(p);
}
