/*
 * Open addressing with linear probing.  A slot holds its key's hash beside
 * the entry index, so a probe rarely touches a key that does not match and
 * growing never hashes a key again.  Keys are copied into a few large
 * blocks, not one malloc each: a share's maps hold many thousands.
 */
#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"

#define BLOCK_MIN	64	/* first key block; each next one doubles */

struct entry {
	const char	*key;
	void		*val;
};

struct slot {
	uint32_t	 idx;		/* index + 1 into entries; 0 = empty */
	uint32_t	 hash;		/* of the key; the low bits place it */
};

struct block {
	struct block	*next;
	size_t		 used;
	size_t		 size;
	char		 data[];
};

struct strmap {
	struct entry	*entries;	/* insertion order */
	size_t		 n;
	size_t		 cap;
	struct slot	*slots;
	size_t		 nslots;	/* power of two */
	struct block	*keys;		/* newest first */
	int		 small;		/* made with the room below */
};

/*
 * A small map's first slots, entries and key block follow it in its own
 * allocation: most maps hold a few keys (a phone's file's index, its
 * list's names), and three mallocs and frees more per map cost more than
 * their look-ups.  Past them a map grows as any other.
 */
#define SMALL_SLOTS	16
#define SMALL_ENTRIES	(SMALL_SLOTS / 2)
#define SMALL_KEYS	256

static struct slot *
small_slots(struct strmap *m)
{
	return (struct slot *)(m + 1);
}

static struct entry *
small_entries(struct strmap *m)
{
	return (struct entry *)(small_slots(m) + SMALL_SLOTS);
}

static struct block *
small_keys(struct strmap *m)
{
	return (struct block *)(small_entries(m) + SMALL_ENTRIES);
}

static uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/*
 * Eight bytes a step, then a full mix, since slots take the low bits.  A
 * key of 8 bytes or more ends with its last 8 (overlapping the step
 * before): no copy of a variable length, which cost a call per key.
 */
static uint32_t
hash(const char *s, size_t len)
{
	uint64_t	h = len * 0x9e3779b97f4a7c15ULL, w = 0;
	size_t		i;

	if (len < 8) {
		for (i = 0; i < len; i++)
			w |= (uint64_t)(unsigned char)s[i] << (i * 8);
		return (uint32_t)(mix(h ^ w) >> 32);
	}
	for (; len > 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x87c37b91114253d5ULL;
		h ^= h >> 29;
	}
	memcpy(&w, s + len - 8, 8);
	return (uint32_t)(mix(h ^ w) >> 32);
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

	if (n <= SMALL_ENTRIES) {
		m = xcalloc(1, sizeof(*m) + SMALL_SLOTS * sizeof(struct slot) +
		    SMALL_ENTRIES * sizeof(struct entry) +
		    sizeof(struct block) + SMALL_KEYS);
		m->small = 1;
		m->nslots = SMALL_SLOTS;
		m->slots = small_slots(m);
		m->cap = SMALL_ENTRIES;
		m->entries = small_entries(m);
		m->keys = small_keys(m);
		m->keys->size = SMALL_KEYS;
		return m;
	}
	m = xcalloc(1, sizeof(*m));
	for (m->nslots = 16; m->nslots < n * 2; m->nslots *= 2)
		;
	m->slots = xcalloc(m->nslots, sizeof(*m->slots));
	/* The entries too: a large map (a file's index) is not copied up. */
	m->cap = n;
	m->entries = xreallocarray(NULL, n, sizeof(*m->entries));
	return m;
}

void
strmap_free(struct strmap *m, void (*freeval)(void *))
{
	struct block	*b;
	size_t		 i;

	if (m == NULL)
		return;
	if (freeval != NULL)
		for (i = 0; i < m->n; i++)
			freeval(m->entries[i].val);
	while ((b = m->keys) != NULL) {
		m->keys = b->next;
		if (!m->small || b != small_keys(m))
			free(b);
	}
	if (!m->small || m->entries != small_entries(m))
		free(m->entries);
	if (!m->small || m->slots != small_slots(m))
		free(m->slots);
	free(m);
}

/* The slot holding key, or the empty slot where it would go. */
static size_t
findslot(const struct strmap *m, const char *key, uint32_t h)
{
	const struct slot	*s;
	size_t			 i = h & (m->nslots - 1);

	for (;; i = (i + 1) & (m->nslots - 1)) {
		s = &m->slots[i];
		if (s->idx == 0 || (s->hash == h &&
		    strcmp(m->entries[s->idx - 1].key, key) == 0))
			return i;
	}
}

static void
grow(struct strmap *m)
{
	struct slot	*old = m->slots;
	size_t		 i, j, n = m->nslots;

	m->nslots *= 2;
	m->slots = xcalloc(m->nslots, sizeof(*m->slots));
	for (i = 0; i < n; i++) {
		if (old[i].idx == 0)
			continue;
		j = old[i].hash & (m->nslots - 1);
		while (m->slots[j].idx != 0)
			j = (j + 1) & (m->nslots - 1);
		m->slots[j] = old[i];
	}
	if (!m->small || old != small_slots(m))
		free(old);
}

/* A copy of key in the current block, or in a new one twice as large. */
static const char *
keep(struct strmap *m, const char *key, size_t len)
{
	struct block	*b = m->keys;
	size_t		 size;
	char		*p;

	if (b == NULL || b->size - b->used <= len) {
		size = b != NULL ? b->size * 2 : BLOCK_MIN;
		while (size <= len)
			size *= 2;
		b = xmalloc(sizeof(*b) + size);
		b->next = m->keys;
		b->used = 0;
		b->size = size;
		m->keys = b;
	}
	p = b->data + b->used;
	memcpy(p, key, len + 1);
	b->used += len + 1;
	return p;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	return strmap_get_hashed(m, key, strmap_hash(key));
}

/* The hash strmap_get_hashed() takes: one key, looked up in many maps. */
uint32_t
strmap_hash(const char *key)
{
	return hash(key, strlen(key));
}

/* strmap_get() with the key's hash from strmap_hash(). */
void *
strmap_get_hashed(const struct strmap *m, const char *key, uint32_t h)
{
	size_t	s = m->slots[findslot(m, key, h)].idx;

	return s == 0 ? NULL : m->entries[s - 1].val;
}

static void	insert(struct strmap *, const char *, size_t, uint32_t,
		    void *, size_t);
static int	put(struct strmap *, const char *, size_t, uint32_t, void *);

/* Insert key; returns -1 and changes nothing if it is already there. */
int
strmap_put(struct strmap *m, const char *key, void *val)
{
	size_t	len = strlen(key);

	return put(m, key, len, hash(key, len), val);
}

/* strmap_put() with the key's hash from strmap_hash(). */
int
strmap_put_hashed(struct strmap *m, const char *key, uint32_t h, void *val)
{
	return put(m, key, strlen(key), h, val);
}

static int
put(struct strmap *m, const char *key, size_t len, uint32_t h, void *val)
{
	size_t	s = findslot(m, key, h);

	if (m->slots[s].idx != 0)
		return -1;
	insert(m, key, len, h, val, s);
	return 0;
}

/*
 * Where key's value is, inserted as NULL if key is new: one hash for a
 * look-up and an update.  Valid until the next insertion.
 */
void **
strmap_slot(struct strmap *m, const char *key)
{
	size_t		len = strlen(key), s, i;
	uint32_t	h = hash(key, len);

	if ((s = m->slots[i = findslot(m, key, h)].idx) == 0) {
		insert(m, key, len, h, NULL, i);
		s = m->n;
	}
	return &m->entries[s - 1].val;
}

/*
 * Add key, which is not in m, with its hash h, at the empty slot s the
 * caller's look-up ended on: found again only if the slots grow.
 */
static void
insert(struct strmap *m, const char *key, size_t len, uint32_t h, void *val,
    size_t s)
{
	if (m->n >= UINT32_MAX - 1)
		errx(2, "too many keys");
	if ((m->n + 1) * 2 > m->nslots) {
		grow(m);
		s = findslot(m, key, h);
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		if (m->small && m->entries == small_entries(m)) {
			m->entries = xreallocarray(NULL, m->cap,
			    sizeof(*m->entries));
			memcpy(m->entries, small_entries(m), m->n *
			    sizeof(*m->entries));
		} else
			m->entries = xreallocarray(m->entries, m->cap,
			    sizeof(*m->entries));
	}
	m->entries[m->n].key = keep(m, key, len);
	m->entries[m->n].val = val;
	m->slots[s].idx = (uint32_t)++m->n;
	m->slots[s].hash = h;
}

/* Insert key, or replace the value it has. */
void
strmap_set(struct strmap *m, const char *key, void *val)
{
	size_t		len = strlen(key), i, s;
	uint32_t	h = hash(key, len);

	if ((s = m->slots[i = findslot(m, key, h)].idx) != 0)
		m->entries[s - 1].val = val;
	else
		insert(m, key, len, h, val, i);
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
