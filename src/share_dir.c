/*
 * A share that is a local directory.  Every path is resolved with
 * realpath(3) and must stay below the root's own real path, so "..",
 * absolute names and symbolic links cannot lead outside it; files are
 * opened non-blocking and must be regular, so a FIFO cannot hang us.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/syscall.h>
#if defined(SYS_openat2) && __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#define HAVE_OPENAT2
#endif
#endif

#include "share_int.h"
#include "xalloc.h"

struct dirshare {
	char	*root;			/* real path, no trailing slash */
	int	 rootfd;		/* for openat2(2) */
};

static int
dir_open(struct share *sh, const char *spec, char **cause)
{
	struct dirshare	*ds;
	struct stat	 st;
	char		*real;

	if (strncmp(spec, "file://", 7) == 0)
		spec += 7;
	if ((real = realpath(spec, NULL)) == NULL) {
		*cause = xasprintf("%s: %s", spec, strerror(errno));
		return -1;
	}
	if (stat(real, &st) == -1 || !S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: not a directory", spec);
		free(real);
		return -1;
	}
	ds = xcalloc(1, sizeof(*ds));
	ds->root = real;
	ds->rootfd = open(real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	sh->priv = ds;
	return 0;
}

/*
 * The real path of rel, or NULL with *cause and the status to report.
 * Only a name that truly does not exist is "missing".
 */
static char *
resolve_inside(const struct dirshare *ds, const char *rel,
    enum cfg_status *st, char **cause)
{
	char	*joined, *real;
	size_t	 rl = strlen(ds->root);
	int	 saved;

	joined = *rel ? xasprintf("%s/%s", ds->root, rel) : xstrdup(ds->root);
	real = realpath(joined, NULL);
	saved = errno;
	free(joined);
	if (real == NULL) {
		*st = (saved == ENOENT || saved == ENOTDIR) ?
		    CFG_MISSING : CFG_REFUSED;
		*cause = xstrdup(saved == ENOENT || saved == ENOTDIR ?
		    "no such file on the share" : saved == ELOOP ?
		    "symbolic link loop" : strerror(saved));
		return NULL;
	}
	if (strcmp(real, ds->root) != 0 &&
	    (strncmp(real, ds->root, rl) != 0 || real[rl] != '/') &&
	    strcmp(ds->root, "/") != 0) {
		*st = CFG_REFUSED;
		*cause = xstrdup("symbolic link leads outside the share");
		free(real);
		return NULL;
	}
	return real;
}

/*
 * Open rel below the root.  Where the kernel has openat2(2), its
 * RESOLVE_BENEATH does the containment in one call; elsewhere realpath(3)
 * does it first.  Returns -1 with *st and *cause.
 */
static int
open_inside(const struct dirshare *ds, const char *rel, int flags,
    enum cfg_status *st, char **cause)
{
	char	*real;
	int	 fd;
#ifdef HAVE_OPENAT2
	struct open_how	how;

	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)flags;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, ds->rootfd, *rel ? rel : ".", &how,
	    sizeof(how));
	if (fd != -1)
		return fd;
	if (errno != ENOSYS && errno != EPERM && ds->rootfd != -1) {
		*st = errno == ENOENT || errno == ENOTDIR ? CFG_MISSING :
		    CFG_REFUSED;
		*cause = xstrdup(*st == CFG_MISSING ?
		    "no such file on the share" : errno == EXDEV ?
		    "symbolic link leads outside the share" : errno == ELOOP ?
		    "symbolic link loop" : strerror(errno));
		return -1;
	}
#endif
	if ((real = resolve_inside(ds, rel, st, cause)) == NULL)
		return -1;
	fd = open(real, flags);
	free(real);
	if (fd == -1) {
		*st = CFG_REFUSED;
		*cause = xasprintf("cannot open: %s", strerror(errno));
	}
	return fd;
}

static enum cfg_status
dir_read(struct share *sh, const char *rel, char **bufp, size_t *lenp,
    time_t *mtime, char **cause)
{
	struct dirshare	*ds = sh->priv;
	enum cfg_status	 st;
	struct stat	 sb;
	char		*buf;
	size_t		 len = 0, cap;
	ssize_t		 r;
	int		 fd;

	fd = open_inside(ds, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC, &st, cause);
	if (fd == -1)
		return st;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		*cause = xstrdup("not a regular file");
		return CFG_REFUSED;
	}
	if (sb.st_size > (off_t)SHARE_MAXFILE) {
		close(fd);
		*cause = xasprintf("larger than the %u MiB limit",
		    SHARE_MAXFILE >> 20);
		return CFG_REFUSED;
	}
	/* The size may change under us: read to the limit, not to st_size,
	 * unless one read brings exactly st_size bytes. */
	cap = (size_t)sb.st_size + 1;
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap > SHARE_MAXFILE) {
				free(buf);
				close(fd);
				*cause = xasprintf("larger than the %u MiB "
				    "limit", SHARE_MAXFILE >> 20);
				return CFG_REFUSED;
			}
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(fd, buf + len, cap - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			*cause = xasprintf("cannot read: %s", strerror(errno));
			free(buf);
			close(fd);
			return CFG_REFUSED;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		/*
		 * All that fstat() saw came in one read: that is the file, as
		 * it was then, with no read more to see the end (a file that
		 * grows while it is read is a snapshot either way).
		 */
		if (len == (size_t)sb.st_size && sb.st_size > 0 && len == (size_t)r)
			break;
	}
	close(fd);
	*bufp = buf;
	*lenp = len;
	if (mtime != NULL)
		*mtime = sb.st_mtime;
	return CFG_OK;
}

struct dent {
	char		*name;
	unsigned char	 isdir;
};

static int
cmpdent(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name,
	    ((const struct dent *)b)->name);
}

static int
dir_list(struct share *sh, const char *rel, char ***namesp,
    unsigned char **isdirp, size_t *np, char **cause)
{
	struct dirshare	*ds = sh->priv;
	enum cfg_status	 st;
	struct dirent	*de;
	struct dent	*v = NULL;
	DIR		*d;
	char		**names;
	unsigned char	*isdir;
	size_t		 n = 0, cap = 0, i;
	int		 fd;

	if ((fd = open_inside(ds, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC,
	    &st, cause)) == -1)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		*cause = xstrdup(strerror(errno));
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n].name = xstrdup(de->d_name);
		/* A link or an unknown type may lead to a directory. */
		v[n].isdir = de->d_type != DT_REG;
		n++;
	}
	closedir(d);
	/* Sorted, so output never depends on the file system's order. */
	if (n > 0)
		qsort(v, n, sizeof(*v), cmpdent);
	names = xreallocarray(NULL, n, sizeof(*names));
	isdir = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		names[i] = v[i].name;
		isdir[i] = v[i].isdir;
	}
	free(v);
	*namesp = names;
	*isdirp = isdir;
	*np = n;
	return 0;
}

static void
dir_close(struct share *sh)
{
	struct dirshare	*ds = sh->priv;

	if (ds->rootfd != -1)
		close(ds->rootfd);
	free(ds->root);
	free(ds);
}

const struct share_ops share_dir_ops = {
	dir_open,
	dir_read,
	NULL,		/* a disk answers faster one file at a time */
	NULL,
	dir_list,
	dir_close,
};
