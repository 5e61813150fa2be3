/*
 * The audit history: runs of scan and audit in one SQLite file (the only
 * user of libsqlite3).  A run is kept in memory and written in one
 * transaction at its end, and only what changed since the previous run of
 * the same share and command is stored: each row holds from the run that
 * first saw it until the run that saw something else.  Secret values are
 * never stored; they are written as "***".  The schema is in polyaudit(1).
 */
#ifndef STORE_H
#define STORE_H

#include <stddef.h>
#include <time.h>

#define STORE_SCHEMA	1	/* PRAGMA user_version this code writes */

struct store;

/* One observed value of one phone; NULL where there is nothing. */
struct store_obs {
	const char	*name;
	const char	*value;		/* the share's effective value */
	const char	*source;	/* where it comes from: config... */
	const char	*file;
	int		 line;
	const char	*phone_value;	/* audit: what the phone runs */
	const char	*phone_source;
	const char	*verdict;
};

/* A value as the history gives it back; strings live for the callback. */
struct store_state {
	int		 present;	/* 0: not recorded in that run */
	const char	*value, *source, *file;
	int		 line;
	const char	*phone_value, *phone_source, *verdict;
};

struct store_event {
	long		 run;
	time_t		 when;		/* the run's start */
	const char	*share;
	const char	*command;
	const char	*mac;
	const char	*name;
	struct store_state old, new;
};

struct store_drift {
	const char	*mac;
	const char	*share;
	time_t		 first;		/* the first run with a drift */
	const char	*name;		/* what drifted first */
	int		 still;		/* drifting in the series' last run */
	time_t		 since;		/* start of the current drift */
	size_t		 now;		/* values drifting in the last run */
};

struct store_query {
	const char	*mac;		/* NULL: every phone */
	const char	*name;		/* NULL: every name */
	time_t		 since;		/* 0: from the start */
	time_t		 until;		/* 0: up to now */
};

int	store_open(const char *, int, struct store **, char **);
void	store_close(struct store *);
void	store_add(struct store *, const char *, const struct store_obs *);
void	store_finding(struct store *, const char *, const char *,
	    const char *, const char *, int, const char *);
int	store_commit(struct store *, const char *, const char *, time_t,
	    size_t, char **);
int	store_history(struct store *, const struct store_query *,
	    void (*)(void *, const struct store_event *), void *, char **);
int	store_first_drift(struct store *, const struct store_query *,
	    void (*)(void *, const struct store_drift *), void *, char **);

#endif
