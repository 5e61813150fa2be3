/*
 * A string-keyed hash map that remembers insertion order.  The map owns
 * copies of its keys; values are the caller's and are freed by the
 * function given to strmap_free(), if any.
 */
#ifndef STRMAP_H
#define STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap;

struct strmap	*strmap_new(void);
struct strmap	*strmap_new_sized(size_t);
void		 strmap_free(struct strmap *, void (*)(void *));
void		*strmap_get(const struct strmap *, const char *);
uint32_t	 strmap_hash(const char *);
void		*strmap_get_hashed(const struct strmap *, const char *,
		    uint32_t);
int		 strmap_put(struct strmap *, const char *, void *);
int		 strmap_put_hashed(struct strmap *, const char *, uint32_t,
		    void *);
void		 strmap_set(struct strmap *, const char *, void *);
void		**strmap_slot(struct strmap *, const char *);
size_t		 strmap_count(const struct strmap *);
void		*strmap_at(const struct strmap *, size_t, const char **);

#endif
