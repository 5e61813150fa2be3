/*
 * What --record keeps of a run: the views scan and audit report, as the
 * history's rows (store.h).
 */
#ifndef RECORD_H
#define RECORD_H

#include <stddef.h>
#include <time.h>

struct auditview;
struct findings;
struct pin_report;
struct showview;
struct store;

#define RECORD_PHONE	"(phone)"		/* audit: the phone itself */
#define RECORD_PROV	"(provisioning server)"	/* audit: the server it uses */
#define RECORD_PIN	"PIN sign-in offered"	/* scan --check pin */

void	record_scan(struct store *, const struct showview *);
void	record_pin(struct store *, const char *, const struct pin_report *,
	    const struct findings *);
void	record_audit(struct store *, const struct auditview *);
char	*record_share(const char *);
int	 record_open(const char *, struct store **);
int	 record_close(struct store *, const char *, const char *, time_t,
	    size_t);

#endif
