/*
 * Share hygiene: override files for a MAC no master applies to
 * (orphan-override) and override values equal to what would win without
 * them (redundant-override).
 */
#ifndef HYGIENE_H
#define HYGIENE_H

#include "findings.h"

struct findings;
struct merged;
struct resolution;
struct share;

void	hygiene_orphan(struct share *, const struct resolution *,
	    struct findings *);
void	hygiene_redundant(struct merged *, const struct resolution *,
	    struct findings *);
int	hygiene_code(enum findcode);

#endif
