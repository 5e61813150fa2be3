/*
 * For the unit tests only: a throw-away share directory.  Every helper
 * fails the running test rather than return an error, so the tests stay
 * about the code under test.
 */
#ifndef TESTSHARE_H
#define TESTSHARE_H

#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "findings.h"
#include "resolve.h"
#include "share.h"

/* Make an empty directory under $TMPDIR; the caller frees the name. */
static inline char *
ts_mkdir(void)
{
	const char	*tmp = getenv("TMPDIR");
	char		*dir;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if (asprintf(&dir, "%s/polyaudit-unit.XXXXXX", tmp) == -1)
		fail_msg("asprintf");
	if (mkdtemp(dir) == NULL)
		fail_msg("mkdtemp %s: %s", dir, strerror(errno));
	return dir;
}

/* Create every directory leading to rel below root. */
static inline void
ts_mkparents(const char *root, const char *rel)
{
	char	*path, *p;

	if (asprintf(&path, "%s/%s", root, rel) == -1)
		fail_msg("asprintf");
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST)
			fail_msg("mkdir %s: %s", path, strerror(errno));
		*p = '/';
	}
	free(path);
}

/* Write len bytes to root/rel, creating directories on the way. */
static inline void
ts_writen(const char *root, const char *rel, const char *buf, size_t len)
{
	char	*path;
	FILE	*fp;

	ts_mkparents(root, rel);
	if (asprintf(&path, "%s/%s", root, rel) == -1)
		fail_msg("asprintf");
	if ((fp = fopen(path, "wb")) == NULL)
		fail_msg("fopen %s: %s", path, strerror(errno));
	if (len > 0 && fwrite(buf, 1, len, fp) != len)
		fail_msg("fwrite %s", path);
	if (fclose(fp) != 0)
		fail_msg("fclose %s", path);
	free(path);
}

static inline void
ts_write(const char *root, const char *rel, const char *text)
{
	ts_writen(root, rel, text, strlen(text));
}

/* root/rel as a malloced absolute path. */
static inline char *
ts_path(const char *root, const char *rel)
{
	char	*path;

	if (asprintf(&path, "%s/%s", root, rel) == -1)
		fail_msg("asprintf");
	return path;
}

static inline int
ts_rm1(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	/* Undo a test's chmod 000 so the tree can go. */
	if (flag == FTW_DP)
		chmod(path, 0755);
	return remove(path) == -1 && errno != ENOENT ? -1 : 0;
}

/* Remove the tree, symbolic links as links, and free its name. */
static inline void
ts_rmtree(char *root)
{
	if (root == NULL)
		return;
	if (nftw(root, ts_rm1, 16, FTW_DEPTH | FTW_PHYS) == -1)
		fail_msg("cannot remove %s: %s", root, strerror(errno));
	free(root);
}

/* The number of findings with code; asserts nothing. */
static inline size_t
ts_count(const struct findings *fs, const char *code)
{
	size_t	i, n = 0;

	for (i = 0; i < fs->n; i++)
		if (strcmp(findings_name(fs->v[i].code), code) == 0)
			n++;
	return n;
}

/* The only finding with code; fails the test unless there is one. */
static inline const struct finding *
ts_one(const struct findings *fs, const char *code)
{
	const struct finding	*hit = NULL;
	size_t			 i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(findings_name(fs->v[i].code), code) == 0) {
			if (hit != NULL)
				fail_msg("more than one %s finding", code);
			hit = &fs->v[i];
		}
	if (hit == NULL)
		fail_msg("no %s finding", code);
	return hit;
}

/*
 * One phone resolved on a throw-away share: the fixture of the tests of
 * resolve_phone() and what it fills in.
 */
#define TS_MAC	"0004f2abcdef"

struct ts_fixture {
	char			*root;
	struct share		*sh;
	struct resolution	 r;
	int			 resolved;
};

static inline int
ts_setup(void **state)
{
	struct ts_fixture	*fx;

	fx = calloc(1, sizeof(*fx));
	fx->root = ts_mkdir();
	*state = fx;
	return 0;
}

static inline int
ts_teardown(void **state)
{
	struct ts_fixture	*fx = *state;

	if (fx->resolved)
		resolution_free(&fx->r);
	share_free(fx->sh);
	ts_rmtree(fx->root);
	free(fx);
	return 0;
}

/* Resolve TS_MAC on the files written so far; a new share each time. */
static inline struct resolution *
ts_resolve(struct ts_fixture *fx, const char *model, const char *master)
{
	char	*cause = NULL;

	if (fx->resolved)
		resolution_free(&fx->r);
	share_free(fx->sh);
	if ((fx->sh = share_open(fx->root, &cause)) == NULL)
		fail_msg("share_open: %s", cause);
	assert_int_equal(resolve_phone(fx->sh, TS_MAC, model, master,
	    &fx->r), 0);
	fx->resolved = 1;
	return &fx->r;
}

/*
 * Work that must stay near-linear: the test is killed (SIGXCPU) after
 * secs seconds of CPU, 100 times what the linear code takes under
 * ASan, so that a quadratic pass over a hostile file's 100,000s of
 * entries fails it without a wall-clock assertion.
 */
static inline void
ts_cpu_bound(rlim_t secs)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_CPU, &rl) == -1)
		fail_msg("getrlimit");
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > secs) {
		rl.rlim_cur = secs;
		if (setrlimit(RLIMIT_CPU, &rl) == -1)
			fail_msg("setrlimit");
	}
}

#endif
