/*
 * Progress of long remote work, on standard error when it is a terminal
 * and nowhere else: files fetched of files planned, phones resolved, and
 * the rate.  One line, drawn again at most ten times a second.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>

struct progress;
struct share_stats;

struct progress	*progress_new(void);
void		 progress_files(void *, const struct share_stats *);
void		 progress_phones(struct progress *, size_t, size_t);
void		 progress_end(struct progress *);

#endif
