/*
 * What a change to the share changes: two shares resolved phone by
 * phone, every effective value that differs with the winning file:line on
 * each side and the cause, and a summary per parameter, transition and
 * cause.  Secret values are compared as they are; reports redact them.
 * Everything a change borrows lives as long as its callback.
 */
#ifndef CHANGE_H
#define CHANGE_H

#include <stddef.h>

#include "mac.h"
#include "merge.h"

struct share;
struct strmap;

#define CHANGE_PHONE	"(phone)"		/* the phone itself */
#define CHANGE_PIN	"PIN sign-in offered"	/* the PIN verdict */

enum change_cause {
	CAUSE_EDITED,		/* the winning line was edited */
	CAUSE_LISTED,		/* a file was added to the list the phone reads */
	CAUSE_UNLISTED,		/* a file was removed from that list */
	CAUSE_FILE_NEW,		/* a listed file appeared on the share */
	CAUSE_FILE_GONE,	/* a listed file went from the share */
	CAUSE_OVERRIDE_NEW,	/* an override file appeared */
	CAUSE_OVERRIDE_GONE,	/* an override file went */
	CAUSE_PHONE_NEW,	/* the phone appeared */
	CAUSE_PHONE_GONE,	/* the phone went */
	CAUSE_MALFORMED,	/* a file became malformed */
	CAUSE_REPAIRED,		/* a malformed file became well-formed */
	CAUSE_REORDERED,	/* the files the phone reads changed order */
	CAUSE_COUNT
};

/* One side of a change; strings borrowed from that side's share. */
struct change_side {
	int		 present;	/* the phone is on this side */
	const char	*value;		/* NULL when unset or absent */
	enum psource	 source;
	const char	*file;		/* NULL for default and unset */
	int		 line;
};

struct change {
	const char		*mac;
	char			*name;
	struct change_side	 old, new;
	enum change_cause	 cause;
	char			*cause_file;	/* what the cause is about */
	int			 cause_line;	/* 0 when none */
	enum role		 cause_role;	/* of cause_file */
	char			*list;		/* the master, for LISTED... */
	int			 list_line;
};

/* The changes of one phone, PIN verdict first. */
struct change_phone {
	char		 mac[MAC_LEN + 1];
	struct change	*v;
	size_t		 n;
};

struct change_opts {
	const char	 *model;	/* --model or NULL */
	const char *const *want;	/* --param names */
	size_t		  nwant;
	int		  pin;		/* --check pin: the verdict only */
};

/* Called once per phone that changed; the phone is freed after. */
typedef void	(*change_cb)(void *, const struct change_phone *);

struct change_totals {
	size_t		 phones;	/* described by either share */
	size_t		 changed;
	size_t		 appeared;
	size_t		 went;
	struct strmap	*summary;	/* key -> count, see change_summary() */
};

/* A summary row; the strings live in name. */
struct change_row {
	char			*name;
	struct change_side	 old, new;	/* present and value only */
	const char		*cause;
	size_t			 count;
};

int		 change_shares(struct share *, struct share *,
		    const struct change_opts *, change_cb, void *,
		    struct change_totals *, char **);
size_t		 change_summary(const struct change_totals *,
		    struct change_row **);
void		 change_rows_free(struct change_row *, size_t);
void		 change_totals_free(struct change_totals *);
char		*change_why(const struct change *, int);
const char	*change_cause_name(enum change_cause);

#endif
