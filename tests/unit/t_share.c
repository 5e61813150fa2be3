/*
 * The local share: lexical path normalisation, real-path containment,
 * refusal of anything that is not a small regular file, case-insensitive
 * look-up and the parse-once cache.
 */
#include <sys/stat.h>

#include <signal.h>
#include <time.h>

#include "testshare.h"

#include "share.h"

struct fixture {
	char		*root;		/* the share */
	char		*outside;	/* a directory beside it */
	struct share	*sh;
};

static int
setup(void **state)
{
	struct fixture	*fx;
	char		*cause = NULL;

	fx = calloc(1, sizeof(*fx));
	fx->root = ts_mkdir();
	fx->outside = ts_mkdir();
	fx->sh = share_open(fx->root, &cause);
	if (fx->sh == NULL)
		fail_msg("share_open: %s", cause);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*fx = *state;

	share_free(fx->sh);
	ts_rmtree(fx->root);
	ts_rmtree(fx->outside);
	free(fx);
	return 0;
}

static void
path_is(const char *dir, const char *name, const char *want)
{
	char	*got = share_path(dir, name);

	if (want == NULL) {
		if (got != NULL)
			fail_msg("share_path(\"%s\", \"%s\") = \"%s\", want NULL",
			    dir, name, got);
		return;
	}
	if (got == NULL)
		fail_msg("share_path(\"%s\", \"%s\") = NULL, want \"%s\"", dir,
		    name, want);
	assert_string_equal(got, want);
	free(got);
}

static void
test_path(void **state)
{
	(void)state;
	path_is("", "a.cfg", "a.cfg");
	path_is("", "a/./b", "a/b");
	path_is("", "a/../b", "b");
	path_is("", "sub/../x.cfg", "x.cfg");
	path_is("", "./a//b/", "a/b");
	path_is("", "a/b/../../c", "c");
	path_is("", "a/..", "");
	path_is("", ".", "");
	path_is("", "../x", NULL);
	path_is("", "a/../../x", NULL);
	path_is("", "/etc/passwd", NULL);
	path_is("", "\\etc\\passwd", NULL);
	path_is("", "..\\..\\x.cfg", NULL);
	path_is("", "a\\..\\..\\x.cfg", NULL);
	path_is("", "a/..\\x.cfg", NULL);
	path_is("", "..\\", NULL);
	path_is("sub", "..\\x.cfg", NULL);
	path_is("", "a\\b.cfg", "a\\b.cfg");
	path_is("", "a\\..b\\x.cfg", "a\\..b\\x.cfg");
	path_is("sub", "x.cfg", "sub/x.cfg");
	path_is("sub", "../x.cfg", "x.cfg");
	path_is("sub/deeper", "../../x.cfg", "x.cfg");
	path_is("sub", "../../x.cfg", NULL);
	path_is("sub", "/x.cfg", NULL);
}

static void
test_open(void **state)
{
	struct fixture	*fx = *state;
	struct share	*sh;
	char		*cause = NULL, *spec, *file;

	assert_string_equal(share_spec(fx->sh), fx->root);

	spec = ts_path(fx->root, "nonexistent");
	assert_null(share_open(spec, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "nonexistent"));
	free(cause);
	free(spec);

	ts_write(fx->root, "plain.cfg", "<c/>");
	file = ts_path(fx->root, "plain.cfg");
	cause = NULL;
	assert_null(share_open(file, &cause));
	assert_non_null(strstr(cause, "not a directory"));
	free(cause);
	free(file);

	/* A file: URL names the same directory. */
	if (asprintf(&spec, "file://%s", fx->root) == -1)
		fail_msg("asprintf");
	sh = share_open(spec, &cause);
	assert_non_null(sh);
	assert_string_equal(share_spec(sh), spec);
	assert_int_equal(share_file(sh, "plain.cfg")->status, CFG_OK);
	share_free(sh);
	free(spec);
	share_free(NULL);
}

static void
test_read_ok(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*cf;

	ts_write(fx->root, "sub/dir/x.cfg", "<c\n a=\"1\"/>");
	cf = share_file(fx->sh, "sub/dir/x.cfg");
	assert_int_equal(cf->status, CFG_OK);
	assert_string_equal(cf->path, "sub/dir/x.cfg");
	assert_int_equal(cf->nparams, 1);
	assert_string_equal(cf->params[0].value, "1");
	assert_int_equal(cf->params[0].line, 2);
}

static void
test_missing(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*cf;

	ts_write(fx->root, "file.cfg", "<c/>");
	cf = share_file(fx->sh, "nope.cfg");
	assert_int_equal(cf->status, CFG_MISSING);
	assert_string_equal(cf->path, "nope.cfg");
	assert_non_null(cf->error);
	/* Through a file used as a directory: still just missing. */
	cf = share_file(fx->sh, "file.cfg/x.cfg");
	assert_int_equal(cf->status, CFG_MISSING);
}

/* A link inside the share to a file outside it must not be followed. */
static void
test_symlink_outside(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*cf;
	char			*secret, *link;

	ts_write(fx->outside, "secret.cfg", "<c secret=\"leaked\"/>");
	secret = ts_path(fx->outside, "secret.cfg");
	link = ts_path(fx->root, "evil.cfg");
	assert_int_equal(symlink(secret, link), 0);
	cf = share_file(fx->sh, "evil.cfg");
	assert_int_equal(cf->status, CFG_REFUSED);
	assert_non_null(strstr(cf->error, "outside the share"));
	assert_int_equal(cf->nparams, 0);
	assert_int_equal(cfgfile_first(cf, "secret"), CFG_NONE);
	free(link);

	/* The same through a linked directory. */
	link = ts_path(fx->root, "outdir");
	assert_int_equal(symlink(fx->outside, link), 0);
	cf = share_file(fx->sh, "outdir/secret.cfg");
	assert_int_equal(cf->status, CFG_REFUSED);
	assert_int_equal(cf->nparams, 0);
	free(link);

	/*
	 * Never opened: a FIFO outside is refused for leaving the share, not
	 * for being a FIFO, so the check came before any open(2).
	 */
	free(secret);
	secret = ts_path(fx->outside, "pipe");
	assert_int_equal(mkfifo(secret, 0644), 0);
	link = ts_path(fx->root, "pipe.cfg");
	assert_int_equal(symlink(secret, link), 0);
	cf = share_file(fx->sh, "pipe.cfg");
	assert_int_equal(cf->status, CFG_REFUSED);
	assert_non_null(strstr(cf->error, "outside the share"));
	free(link);

	/* A relative link that climbs out, too. */
	link = ts_path(fx->root, "rel.cfg");
	assert_int_equal(symlink("../../../../../../../../../etc/passwd",
	    link), 0);
	cf = share_file(fx->sh, "rel.cfg");
	assert_int_equal(cf->status, CFG_REFUSED);
	assert_int_equal(cf->nparams, 0);
	free(link);
	free(secret);
}

/* A link that stays inside is fine. */
static void
test_symlink_inside(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*cf;
	char			*link;

	ts_write(fx->root, "sub/real.cfg", "<c a=\"1\"/>");
	link = ts_path(fx->root, "alias.cfg");
	assert_int_equal(symlink("sub/real.cfg", link), 0);
	cf = share_file(fx->sh, "alias.cfg");
	assert_int_equal(cf->status, CFG_OK);
	assert_string_equal(cf->path, "alias.cfg");
	assert_string_equal(cfgfile_get(cf, "a", NULL), "1");
	free(link);
}

static void
test_symlink_loop(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*cf;
	char			*a, *b;

	a = ts_path(fx->root, "loop-a.cfg");
	b = ts_path(fx->root, "loop-b.cfg");
	assert_int_equal(symlink("loop-b.cfg", a), 0);
	assert_int_equal(symlink("loop-a.cfg", b), 0);
	cf = share_file(fx->sh, "loop-a.cfg");
	assert_int_equal(cf->status, CFG_REFUSED);
	assert_non_null(strstr(cf->error, "loop"));
	free(a);
	free(b);
}

static void
on_alarm(int sig)
{
	(void)sig;
	/* Only async-signal-safe calls here. */
	(void)write(2, "FIFO read hung\n", 15);
	_exit(1);
}

/* A FIFO with no writer would block a plain open(2) forever. */
static void
test_fifo(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*cf;
	char			*path;
	time_t			 t0;

	path = ts_path(fx->root, "fifo.cfg");
	assert_int_equal(mkfifo(path, 0644), 0);
	signal(SIGALRM, on_alarm);
	alarm(5);
	t0 = time(NULL);
	cf = share_file(fx->sh, "fifo.cfg");
	alarm(0);
	signal(SIGALRM, SIG_DFL);
	assert_true(time(NULL) - t0 <= 2);
	assert_int_equal(cf->status, CFG_REFUSED);
	assert_non_null(strstr(cf->error, "not a regular file"));
	free(path);
}

static void
test_directory(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*cf;

	ts_write(fx->root, "d.cfg/inner.cfg", "<c/>");
	cf = share_file(fx->sh, "d.cfg");
	assert_int_equal(cf->status, CFG_REFUSED);
	assert_non_null(strstr(cf->error, "not a regular file"));
}

static void
test_too_big(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*cf;
	char			*path;
	int			 fd;

	path = ts_path(fx->root, "huge.cfg");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd != -1);
	/* Sparse: costs no disk, but stat(2) says it is too large. */
	assert_int_equal(ftruncate(fd, (off_t)SHARE_MAXFILE + 1), 0);
	close(fd);
	cf = share_file(fx->sh, "huge.cfg");
	assert_int_equal(cf->status, CFG_REFUSED);
	assert_non_null(strstr(cf->error, "limit"));
	free(path);
}

static void
test_unreadable(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*cf;
	char			*path;

	ts_write(fx->root, "secret.cfg", "<c a=\"1\"/>");
	path = ts_path(fx->root, "secret.cfg");
	assert_int_equal(chmod(path, 0), 0);
	cf = share_file(fx->sh, "secret.cfg");
	/*
	 * root reads a mode 000 file anyway, so only an ordinary user can
	 * see the refusal; as root just check the read did not break.
	 */
	if (geteuid() != 0) {
		assert_int_equal(cf->status, CFG_REFUSED);
		assert_non_null(strstr(cf->error, "cannot open"));
	} else
		assert_int_equal(cf->status, CFG_OK);
	chmod(path, 0644);
	free(path);
}

/* Parsed once: a change on disk after the first read is not seen. */
static void
test_cache(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*a, *b;

	ts_write(fx->root, "c.cfg", "<c a=\"first\"/>");
	a = share_file(fx->sh, "c.cfg");
	ts_write(fx->root, "c.cfg", "<c a=\"second\"/>");
	b = share_file(fx->sh, "c.cfg");
	assert_ptr_equal(a, b);
	assert_string_equal(cfgfile_get(b, "a", NULL), "first");

	/* Failures are cached as well. */
	a = share_file(fx->sh, "gone.cfg");
	ts_write(fx->root, "gone.cfg", "<c/>");
	b = share_file(fx->sh, "gone.cfg");
	assert_ptr_equal(a, b);
	assert_int_equal(b->status, CFG_MISSING);
}

/* A phone's own file is read again once its last holder lets go. */
static void
test_release(void **state)
{
	struct fixture		*fx = *state;
	const struct cfgfile	*own, *shared, *cf;

	ts_write(fx->root, "own.cfg", "<c a=\"first\"/>");
	ts_write(fx->root, "shared.cfg", "<c a=\"first\"/>");
	own = share_file(fx->sh, "own.cfg");
	shared = share_file(fx->sh, "shared.cfg");
	share_hold(fx->sh, own, 1);
	share_hold(fx->sh, own, 1);
	share_hold(fx->sh, shared, 0);
	ts_write(fx->root, "own.cfg", "<c a=\"second\"/>");
	ts_write(fx->root, "shared.cfg", "<c a=\"second\"/>");

	/* Still held once: the parse stays. */
	share_release(fx->sh, own);
	assert_ptr_equal(share_file(fx->sh, "own.cfg"), own);
	assert_string_equal(cfgfile_get(own, "a", NULL), "first");
	share_release(fx->sh, own);
	cf = share_file(fx->sh, "own.cfg");
	assert_string_equal(cfgfile_get(cf, "a", NULL), "second");

	/* A shared file stays parsed once. */
	share_release(fx->sh, shared);
	assert_ptr_equal(share_file(fx->sh, "shared.cfg"), shared);
	assert_string_equal(cfgfile_get(shared, "a", NULL), "first");
}

/*
 * Files read through a view (another thread's, readahead.c) are taken
 * into the cache; one the share had already is not; one never lent is
 * freed by share_unadopt(), one lent as shared stays, one held goes when
 * it is let go.
 */
static void
test_adopt(void **state)
{
	struct fixture		*fx = *state;
	struct share_view	*v;
	struct cfgfile		*cf;
	const struct cfgfile	*had, *shared, *held;
	char *const		*names;
	char			*cause = NULL;
	size_t			 n;

	ts_write(fx->root, "had.cfg", "<c a=\"first\"/>");
	ts_write(fx->root, "unused.cfg", "<c a=\"first\"/>");
	ts_write(fx->root, "shared.cfg", "<c a=\"first\"/>");
	ts_write(fx->root, "held.cfg", "<c a=\"first\"/>");
	assert_int_equal(share_list(fx->sh, "", &names, &n, &cause), 0);
	had = share_file(fx->sh, "had.cfg");
	v = share_view_new(fx->sh);
	assert_int_equal(share_view_has(v, "", "held.cfg"), 1);
	assert_int_equal(share_view_has(v, "", "HELD.cfg"), 0);
	assert_int_equal(share_view_has(v, "sub", "held.cfg"), -1);
	share_adopt(fx->sh, share_view_load(v, "had.cfg"));
	assert_ptr_equal(share_file(fx->sh, "had.cfg"), had);
	cf = share_view_load(v, "missing.cfg");
	assert_int_equal(cf->status, CFG_MISSING);
	assert_string_equal(cf->error, "no such file on the share");
	cfgfile_free(cf);
	share_adopt(fx->sh, share_view_load(v, "unused.cfg"));
	share_adopt(fx->sh, share_view_load(v, "shared.cfg"));
	share_adopt(fx->sh, share_view_load(v, "held.cfg"));
	assert_string_equal(cfgfile_get(share_file(fx->sh, "unused.cfg"),
	    "a", NULL), "first");
	shared = share_file(fx->sh, "shared.cfg");
	held = share_file(fx->sh, "held.cfg");
	assert_int_equal(share_hold(fx->sh, shared, 0), SHARE_KEPT);
	assert_int_equal(share_hold(fx->sh, held, 1), SHARE_HELD);
	share_unadopt(fx->sh);
	ts_write(fx->root, "unused.cfg", "<c a=\"second\"/>");
	ts_write(fx->root, "shared.cfg", "<c a=\"second\"/>");
	ts_write(fx->root, "held.cfg", "<c a=\"second\"/>");
	assert_string_equal(cfgfile_get(share_file(fx->sh, "unused.cfg"),
	    "a", NULL), "second");
	assert_ptr_equal(share_file(fx->sh, "shared.cfg"), shared);
	assert_ptr_equal(share_file(fx->sh, "held.cfg"), held);
	assert_string_equal(cfgfile_get(held, "a", NULL), "first");
	share_release(fx->sh, held);
	assert_string_equal(cfgfile_get(share_file(fx->sh, "held.cfg"), "a",
	    NULL), "second");
	share_view_free(v);
}

/*
 * A phone's 200,000 files adopted, then held in the order its
 * resolution holds them: each leaves the adoption list in one step, not
 * by a search of it (ts_cpu_bound: quadratic, this took minutes).
 */
static void
test_adopt_many(void **state)
{
	struct fixture	*fx = *state;
	struct cfgfile	*cf;
	char		 path[32];
	size_t		 i, k = 200000;

	ts_cpu_bound(20);
	for (i = 0; i < k; i++) {
		snprintf(path, sizeof(path), "f%06zu.cfg", i);
		share_adopt(fx->sh, cfgfile_failed(path, CFG_MISSING, 0, "gone"));
	}
	for (i = 0; i < k; i++) {
		snprintf(path, sizeof(path), "f%06zu.cfg", i);
		cf = (struct cfgfile *)share_file(fx->sh, path);
		assert_string_equal(cf->error, "gone");
		assert_int_equal(share_hold(fx->sh, cf, 1), SHARE_HELD);
	}
	/* None is on the list: unadopt frees none of them. */
	share_unadopt(fx->sh);
	for (i = 0; i < k; i++) {
		snprintf(path, sizeof(path), "f%06zu.cfg", i);
		cf = (struct cfgfile *)share_file(fx->sh, path);
		assert_string_equal(cf->error, "gone");
		share_release(fx->sh, cf);
	}
}

static void
test_lookup(void **state)
{
	struct fixture	*fx = *state;
	const char	*hit;
	int		 exact = -1;

	ts_write(fx->root, "A.cfg", "<c/>");
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, "Only.CFG", "<c/>");
	ts_write(fx->root, "sub/Name.cfg", "<c/>");

	hit = share_lookup(fx->sh, "", "a.cfg", &exact);
	assert_string_equal(hit, "a.cfg");
	assert_int_equal(exact, 1);
	hit = share_lookup(fx->sh, "", "A.cfg", &exact);
	assert_string_equal(hit, "A.cfg");
	assert_int_equal(exact, 1);

	exact = -1;
	hit = share_lookup(fx->sh, "", "only.cfg", &exact);
	assert_string_equal(hit, "Only.CFG");
	assert_int_equal(exact, 0);

	hit = share_lookup(fx->sh, "sub", "NAME.CFG", &exact);
	assert_string_equal(hit, "sub/Name.cfg");
	assert_int_equal(exact, 0);
	/* Borrowed and stable. */
	assert_ptr_equal(share_lookup(fx->sh, "sub", "name.cfg", NULL), hit);

	assert_null(share_lookup(fx->sh, "", "absent.cfg", &exact));
	assert_null(share_lookup(fx->sh, "nodir", "a.cfg", &exact));
}

static void
test_list(void **state)
{
	struct fixture	*fx = *state;
	char *const	*names;
	char		*cause = NULL;
	size_t		 n = 0;

	ts_write(fx->root, "b.cfg", "<c/>");
	ts_write(fx->root, "a.cfg", "<c/>");
	ts_write(fx->root, "C.cfg", "<c/>");
	ts_write(fx->root, "sub/x.cfg", "<c/>");
	assert_int_equal(share_list(fx->sh, "", &names, &n, &cause), 0);
	assert_int_equal(n, 4);
	assert_string_equal(names[0], "C.cfg");
	assert_string_equal(names[1], "a.cfg");
	assert_string_equal(names[2], "b.cfg");
	assert_string_equal(names[3], "sub");
	/* Only a directory (or a link, which may lead to one) may be one. */
	assert_false(share_maybe_dir(fx->sh, "", 1));
	assert_true(share_maybe_dir(fx->sh, "", 3));
	assert_false(share_maybe_dir(fx->sh, "", 4));

	assert_int_equal(share_list(fx->sh, "nodir", &names, &n, &cause), -1);
	assert_non_null(cause);
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
		cmocka_unit_test_setup_teardown(test_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_outside, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_symlink_inside, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_symlink_loop, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_too_big, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_release, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adopt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adopt_many, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
