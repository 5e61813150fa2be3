/*
 * Reading a local share's files ahead of the phones that need them, on a
 * second thread: each phone's master, its override files and the entries
 * its list names for it are read and parsed while earlier phones are
 * resolved and printed, and the share takes them before the phone is
 * resolved.  Only a guess: a file it did not read is read as ever.
 */
#ifndef READAHEAD_H
#define READAHEAD_H

#include <stddef.h>

#include "resolve.h"

struct readahead;
struct share;

struct readahead *readahead_new(struct share *, const struct resolve_target *,
		    size_t, size_t);
void		 readahead_take(struct readahead *, size_t);
void		 readahead_free(struct readahead *);

#endif
