/*
 * The firmware image the master selects for a phone: APP_FILE_PATH or
 * APP_FILE_PATH_<MODEL>, with [PHONE_PART_NUMBER] and [PHONE_MODEL]
 * substituted, whether it is on the share, and the release the share says
 * it is.  Facts: shared/reference/diagnosis.md section 1.
 */
#ifndef FIRMWARE_H
#define FIRMWARE_H

#include <stddef.h>

struct share;
struct resolution;
struct findings;

enum fw_status {
	FW_NONE,		/* the master names no image */
	FW_OK,			/* on the share */
	FW_MISSING,		/* not on the share */
	FW_WRONG_MODEL,		/* on the share, a split image for another model */
	FW_NEEDS_MODEL,		/* the path needs a model or part number */
	FW_URL,			/* a URL: not looked for */
	FW_REFUSED,		/* the path leaves the share */
	FW_UNCHECKED,		/* the share cannot be listed */
};

struct firmware {
	enum fw_status	 status;
	char		*path;		/* share-relative, or as written */
	char		*attr;		/* APP_FILE_PATH[_<MODEL>]; NULL if none */
	int		 line;		/* the attribute's line in the master */
	char		*version;	/* the release the share names, or NULL */
	char		*version_from;	/* sip.ver's path, or the image path */
};

const char	*firmware_part(const char *);
const char	*firmware_part_model(const char *);
const char	*firmware_split_part(const char *, size_t *);
void		 firmware_select(struct share *, const struct resolution *,
		    struct firmware *, struct findings *);
int		 firmware_version_cmp(const char *, const char *);
void		 firmware_drift(const struct firmware *, const char *,
		    const char *, struct findings *);
void		 firmware_free(struct firmware *);
const char	*fw_status_name(enum fw_status);

#endif
