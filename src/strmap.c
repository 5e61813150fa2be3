#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"

struct entry {
	char	*key;
	void	*val;
};

struct strmap {
	struct entry	*entries;	/* insertion order */
	size_t		 n;
	size_t		 cap;
	size_t		*slots;		/* index + 1 into entries; 0 = empty */
	size_t		 nslots;	/* power of two */
};

static uint64_t
hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;	/* FNV-1a */

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

struct strmap *
strmap_new(void)
{
	return strmap_new_sized(0);
}

/* A map sized for about n keys, so filling it never rehashes. */
struct strmap *
strmap_new_sized(size_t n)
{
	struct strmap	*m;

	m = xcalloc(1, sizeof(*m));
	for (m->nslots = 16; m->nslots < n * 2; m->nslots *= 2)
		;
	m->slots = xcalloc(m->nslots, sizeof(*m->slots));
	return m;
}

void
strmap_free(struct strmap *m, void (*freeval)(void *))
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->entries[i].key);
		if (freeval != NULL)
			freeval(m->entries[i].val);
	}
	free(m->entries);
	free(m->slots);
	free(m);
}

/* The slot holding key, or the empty slot where it would go. */
static size_t
findslot(const struct strmap *m, const char *key)
{
	size_t	i = hash(key) & (m->nslots - 1);

	while (m->slots[i] != 0 &&
	    strcmp(m->entries[m->slots[i] - 1].key, key) != 0)
		i = (i + 1) & (m->nslots - 1);
	return i;
}

static void
grow(struct strmap *m)
{
	size_t	i;

	free(m->slots);
	m->nslots *= 2;
	m->slots = xcalloc(m->nslots, sizeof(*m->slots));
	for (i = 0; i < m->n; i++)
		m->slots[findslot(m, m->entries[i].key)] = i + 1;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	size_t	s = m->slots[findslot(m, key)];

	return s == 0 ? NULL : m->entries[s - 1].val;
}

/* Insert key; returns -1 and changes nothing if it is already there. */
int
strmap_put(struct strmap *m, const char *key, void *val)
{
	size_t	s;

	if (m->slots[findslot(m, key)] != 0)
		return -1;
	if ((m->n + 1) * 2 > m->nslots)
		grow(m);
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->entries = xreallocarray(m->entries, m->cap,
		    sizeof(*m->entries));
	}
	m->entries[m->n].key = xstrdup(key);
	m->entries[m->n].val = val;
	s = findslot(m, key);
	m->slots[s] = ++m->n;
	return 0;
}

/* Insert key, or replace the value it has. */
void
strmap_set(struct strmap *m, const char *key, void *val)
{
	size_t	s = m->slots[findslot(m, key)];

	if (s != 0)
		m->entries[s - 1].val = val;
	else
		strmap_put(m, key, val);
}

size_t
strmap_count(const struct strmap *m)
{
	return m->n;
}

/* The i-th entry in insertion order; its key through *key if not NULL. */
void *
strmap_at(const struct strmap *m, size_t i, const char **key)
{
	if (key != NULL)
		*key = m->entries[i].key;
	return m->entries[i].val;
}
