#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "readahead.h"
#include "share.h"
#include "xalloc.h"

/*
 * The first phone's site files, which it reads before any other phone
 * can be resolved, are parsed by both threads from either end of its
 * list: each file by the thread that claims it first.
 */
struct site {
	char				**paths;
	size_t				  n;
	atomic_flag			 *claimed;
	_Atomic(struct cfgfile *)	 *done;		/* the reader's */
};

/*
 * The reader runs at most WINDOW phones ahead and, once it has caught
 * up, sleeps until BATCH of them are taken: the two threads meet once a
 * batch, not once a phone, and never while the reader has room.  A
 * phone's own files parsed take a few kB, so the window a few MB.
 */
#define WINDOW	512
#define BATCH	128
/*
 * Closer than MARGIN phones to the main thread the reader would lose the
 * race for them (it takes longer per phone than the main thread does with
 * its files read): it skips to LEAD phones ahead.  Racing, half of what
 * it read came too late; skipping, 1 % (10,000 phones: 7,000 of them are
 * read ahead, the rest by the main thread while the reader gets ahead).
 */
#define MARGIN	2
#define LEAD	16
/*
 * A share's own files may each be 16 MiB: the window is bounded in bytes
 * too, so the reader waits with this much parsed (and one phone more).
 */
#define AHEAD_BYTES	(32u << 20)

/* One phone's files, read ahead; the reader's until published. */
struct ahead {
	size_t		  phone;	/* index into the targets */
	struct cfgfile	**cf;
	size_t		  n;
	size_t		  cap;
};

struct readahead {
	struct share			*sh;
	struct share_view		*view;
	const struct resolve_target	*t;		/* borrowed */
	size_t				 n;
	size_t				 window;
	size_t				 batch;
	struct ahead			*ring;		/* entry e at e % window */
	_Atomic size_t			 produced;	/* entries published */
	_Atomic size_t			 taken;		/* entries given back */
	_Atomic size_t			 at;		/* phones the main thread
							   has begun */
	_Atomic size_t			 want;		/* the reader waits for
							   taken to reach it */
	_Atomic size_t			 bytes;		/* of the entries held */
	_Atomic int			 stop;
	pthread_mutex_t			 mu;
	pthread_cond_t			 cv;
	pthread_t			 thread;
	struct site			 site;
	int				 begun;		/* a phone was taken */
};

/* For resolve_ahead(): a name the view's listing holds exactly. */
struct found {
	const struct share_view	*view;
	char			*path;
};

static const char *
find_listed(void *arg, const char *dir, const char *name)
{
	struct found	*fd = arg;

	if (share_view_has(fd->view, dir, name) != 1)
		return NULL;
	free(fd->path);
	fd->path = *dir ? xconcat(dir, "/", name, NULL) : xstrdup(name);
	return fd->path;
}

static void
ahead_add(struct ahead *a, struct cfgfile *cf)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		a->cf = xreallocarray(a->cf, a->cap, sizeof(*a->cf));
	}
	a->cf[a->n++] = cf;
}

/* What a's files take, for the window's bound in bytes. */
static size_t
ahead_bytes(const struct ahead *a)
{
	size_t	i, b = 0;

	for (i = 0; i < a->n; i++)
		b += a->cf[i]->bytes;
	return b;
}

static void
ahead_clear(struct ahead *a)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		cfgfile_free(a->cf[i]);
	a->n = 0;
}

/* Read phone p's own files into a, as resolve_phone() would ask. */
static void
read_phone(struct readahead *ra, size_t p, struct ahead *a)
{
	const struct resolve_target	*t = &ra->t[p];
	struct found			 fd = { ra->view, NULL };
	struct cfgfile			*master;
	char				*name, **paths;
	size_t				 n, i;

	a->phone = p;
	name = xconcat(t->mac, ".cfg", NULL);
	/* Without its own master a phone reads the zeros file: shared. */
	if (share_view_has(ra->view, "", name) != 1) {
		free(name);
		return;
	}
	master = share_view_load(ra->view, name);
	ahead_add(a, master);
	n = resolve_ahead(master, name, t->mac, t->model, RESOLVE_OWN,
	    find_listed, &fd, &paths);
	for (i = 0; i < n; i++) {
		ahead_add(a, share_view_load(ra->view, paths[i]));
		free(paths[i]);
	}
	free(paths);
	free(fd.path);
	free(name);
}

/* Sleep until the main thread has given back entries up to want. */
static void
wait_room(struct readahead *ra, size_t want)
{
	pthread_mutex_lock(&ra->mu);
	atomic_store(&ra->want, want);
	while (!atomic_load(&ra->stop) && atomic_load(&ra->taken) < want)
		pthread_cond_wait(&ra->cv, &ra->mu);
	atomic_store(&ra->want, 0);
	pthread_mutex_unlock(&ra->mu);
}

static void *
reader(void *arg)
{
	struct readahead	*ra = arg;
	struct site		*st = &ra->site;
	struct ahead		*a;
	size_t			 e = 0, p = 0, at, k, tk;

	cfgfile_reading();
	for (k = st->n; k-- > 0 && !atomic_flag_test_and_set(&st->claimed[k]);)
		atomic_store(&st->done[k], share_view_load(ra->view,
		    st->paths[k]));
	while (!atomic_load_explicit(&ra->stop, memory_order_relaxed)) {
		/* Phones the main thread has begun, or will soon, are its own. */
		at = atomic_load_explicit(&ra->at, memory_order_relaxed);
		if (p < at + MARGIN)
			p = at + LEAD;
		if (p >= ra->n)
			break;
		tk = atomic_load_explicit(&ra->taken, memory_order_acquire);
		if (e - tk >= ra->window) {
			wait_room(ra, e + ra->batch - ra->window);
			continue;
		}
		if (e > tk && atomic_load(&ra->bytes) > AHEAD_BYTES) {
			wait_room(ra, tk + 1);
			continue;
		}
		a = &ra->ring[e % ra->window];
		cfgfile_reclaim();
		read_phone(ra, p++, a);
		if (a->n == 0)
			continue;
		atomic_fetch_add(&ra->bytes, ahead_bytes(a));
		atomic_store_explicit(&ra->produced, ++e, memory_order_release);
	}
	return NULL;
}

/* Free what the reader left, once it has ended or never began. */
static void
ra_free(struct readahead *ra)
{
	size_t	e, top;

	for (e = 0; e < ra->site.n; e++) {
		cfgfile_free(atomic_load(&ra->site.done[e]));
		free(ra->site.paths[e]);
	}
	free(ra->site.paths);
	free(ra->site.claimed);
	free(ra->site.done);
	top = atomic_load(&ra->produced);
	for (e = atomic_load(&ra->taken); e < top; e++)
		ahead_clear(&ra->ring[e % ra->window]);
	for (e = 0; e < ra->window; e++)
		free(ra->ring[e].cf);
	free(ra->ring);
	pthread_cond_destroy(&ra->cv);
	pthread_mutex_destroy(&ra->mu);
	share_view_free(ra->view);
	free(ra);
}

/* The site files the first phone's master lists, read here. */
static void
site_plan(struct readahead *ra)
{
	struct site		*st = &ra->site;
	const struct cfgfile	*master;
	const char		*path;
	char			*name;
	size_t			 k;

	name = xconcat(ra->t[0].mac, ".cfg", NULL);
	if ((path = share_lookup(ra->sh, "", name, NULL)) == NULL)
		path = share_lookup(ra->sh, "", "000000000000.cfg", NULL);
	free(name);
	if (path == NULL)
		return;
	master = share_file(ra->sh, path);
	st->n = resolve_ahead(master, path, ra->t[0].mac, ra->t[0].model,
	    RESOLVE_SITE, NULL, NULL, &st->paths);
	st->claimed = xcalloc(st->n + 1, sizeof(*st->claimed));
	st->done = xcalloc(st->n + 1, sizeof(*st->done));
	for (k = 0; k < st->n; k++)
		atomic_flag_clear(&st->claimed[k]);
}

/*
 * Read the site files from the front while the reader reads them from
 * the back, and take what it read.  One it is still reading is read
 * again when the phone asks for it: no thread waits for the other.
 */
static void
site_read(struct readahead *ra)
{
	struct site	*st = &ra->site;
	struct cfgfile	*cf;
	size_t		 k;

	for (k = 0; k < st->n && !atomic_flag_test_and_set(&st->claimed[k]);
	    k++)
		share_file(ra->sh, st->paths[k]);
	for (; k < st->n; k++)
		if ((cf = atomic_exchange(&st->done[k], NULL)) != NULL)
			share_adopt(ra->sh, cf);
}

/* The CPUs this process may run on: a second thread needs two. */
static long
cpus(void)
{
	cpu_set_t	set;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		return CPU_COUNT(&set);
	return sysconf(_SC_NPROCESSORS_ONLN);
}

/*
 * Read ahead for the n phones in t, in this order, unless the share is a
 * server's, jobs is 1 or the process may run on one CPU only.  POLYAUDIT_TEST_READAHEAD=N
 * (a test knob) reads ahead at most N phones, even on one CPU.  NULL
 * when it does not: readahead_take() and readahead_free() take that.
 */
struct readahead *
readahead_new(struct share *sh, const struct resolve_target *t, size_t n,
    size_t jobs)
{
	struct readahead	*ra;
	const char		*knob = getenv("POLYAUDIT_TEST_READAHEAD");
	long			 window = knob != NULL ? atol(knob) : 0;

	if (n == 0 || (window <= 0 && (jobs == 1 || n < 2 || cpus() < 2)))
		return NULL;
	ra = xcalloc(1, sizeof(*ra));
	if ((ra->view = share_view_new(sh)) == NULL) {
		free(ra);
		return NULL;
	}
	ra->sh = sh;
	ra->t = t;
	ra->n = n;
	ra->window = window > 0 ? (size_t)window : WINDOW;
	ra->batch = ra->window < BATCH * 2 ? (ra->window + 1) / 2 : BATCH;
	ra->ring = xcalloc(ra->window, sizeof(*ra->ring));
	pthread_mutex_init(&ra->mu, NULL);
	pthread_cond_init(&ra->cv, NULL);
	site_plan(ra);
	cfgfile_threads();
	if (pthread_create(&ra->thread, NULL, reader, ra) != 0) {
		cfgfile_threads_end();
		ra_free(ra);
		return NULL;
	}
	site_read(ra);
	return ra;
}

/* Wake the reader, which waits for room or, with stop, ends. */
static void
wake(struct readahead *ra, int stop)
{
	pthread_mutex_lock(&ra->mu);
	if (stop)
		atomic_store(&ra->stop, 1);
	pthread_cond_signal(&ra->cv);
	pthread_mutex_unlock(&ra->mu);
}

static void
adopt(struct readahead *ra, struct ahead *a)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		share_adopt(ra->sh, a->cf[i]);
	a->n = 0;
}

/*
 * Before phone i is resolved (after the one before it let go of its
 * files): hand what was read for it to the share.  Never waits: a phone
 * the reader has not reached is read by its resolution, as ever.
 */
void
readahead_take(struct readahead *ra, size_t i)
{
	struct ahead	*a;
	size_t		 tk, top, want;

	if (ra == NULL)
		return;
	/* What came before the first phone is the site files, for it. */
	if (ra->begun)
		share_unadopt(ra->sh);
	ra->begun = 1;
	atomic_store_explicit(&ra->at, i + 1, memory_order_relaxed);
	top = atomic_load_explicit(&ra->produced, memory_order_acquire);
	for (tk = atomic_load_explicit(&ra->taken, memory_order_relaxed);
	    tk < top; tk++) {
		a = &ra->ring[tk % ra->window];
		if (a->phone > i)
			break;
		atomic_fetch_sub(&ra->bytes, ahead_bytes(a));
		if (a->phone == i)
			adopt(ra, a);
		else
			ahead_clear(a);
	}
	if (tk == atomic_load_explicit(&ra->taken, memory_order_relaxed))
		return;
	/* Dekker: the reader stores want, then reads taken. */
	atomic_store(&ra->taken, tk);
	if ((want = atomic_load(&ra->want)) != 0 && tk >= want)
		wake(ra, 0);
}

/* After the last phone: end the reader and free what it read. */
void
readahead_free(struct readahead *ra)
{
	if (ra == NULL)
		return;
	share_unadopt(ra->sh);
	wake(ra, 1);
	pthread_join(ra->thread, NULL);
	cfgfile_threads_end();
	ra_free(ra);
}
