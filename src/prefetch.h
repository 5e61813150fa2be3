/*
 * Fetching a remote share's files ahead of the phones that need them.  A
 * window of phones is resolved in advance with the share probing; what
 * they lack is fetched in the background, and each phone whose files
 * arrived is probed again for the files they name.  No phone waits for a
 * batch: the server always has work while phones are resolved and
 * printed.  On a local share all of this is a no-op.
 */
#ifndef PREFETCH_H
#define PREFETCH_H

#include <stddef.h>

#include "resolve.h"

struct prefetch;
struct share;
struct share_stats;

/* Told after every batch of fetched files. */
typedef void	prefetch_progress(void *, const struct share_stats *);

struct prefetch	*prefetch_new(struct share *, const struct resolve_target *,
		    size_t, const char *, size_t);
void		 prefetch_progress_to(struct prefetch *, prefetch_progress *,
		    void *);
void		 prefetch_wait(struct prefetch *, size_t);
void		 prefetch_free(struct prefetch *);

#endif
