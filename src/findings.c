#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "xalloc.h"

/*
 * Every finding code: the stable name reports print, its level and what
 * it means (DIAGNOSTICS in man/polyaudit.1 says it at more length).  Two
 * codes may share a name when one condition comes at two levels.
 */
static const struct {
	const char	*name;
	enum severity	 sev;
	const char	*meaning;
} codes[FIND__MAX] = {
	[FIND_ENCRYPTED_MASTER] = { "encrypted", SEV_ERROR,
	    "an encrypted master, which the guides do not allow" },
	[FIND_MALFORMED] = { "malformed", SEV_ERROR,
	    "not well-formed XML; nothing in the file applies" },
	[FIND_MISSING_FILE] = { "missing-file", SEV_ERROR,
	    "a listed file is not on the share" },
	[FIND_NO_MASTER] = { "no-master", SEV_ERROR,
	    "neither MAC.cfg nor 000000000000.cfg is on the share" },
	[FIND_REFUSED] = { "refused", SEV_ERROR,
	    "a file that is outside the share, not regular, too large or "
	    "failed to transfer" },
	[FIND_CONFLICT] = { "conflict", SEV_WARNING,
	    "one parameter with different values in two files or twice in "
	    "one" },
	[FIND_EMPTY_CONFIG_LIST] = { "empty-config-list", SEV_WARNING,
	    "CONFIG_FILES is empty: the phone reads no configuration files" },
	[FIND_FIRMWARE_DRIFT] = { "firmware-drift", SEV_WARNING,
	    "the phone runs another release than the share offers" },
	[FIND_FIRMWARE_MISSING] = { "firmware-missing", SEV_WARNING,
	    "the firmware image the master names is not on the share" },
	[FIND_FIRMWARE_MODEL] = { "firmware-model", SEV_WARNING,
	    "the image is a split image for another model's part number" },
	[FIND_INVENTORY] = { "inventory", SEV_WARNING,
	    "an inventory line that cannot be used; it is skipped" },
	[FIND_LOG_CERT_EXPIRED] = { "log-cert-expired", SEV_WARNING,
	    "a log line says the phone's web ticket certificate expired" },
	[FIND_LOG_DOWNLOAD_FAILED] = { "log-download-failed", SEV_WARNING,
	    "a log line says a file the configuration names failed to "
	    "download" },
	[FIND_LOG_UPLOAD_FAILED] = { "log-upload-failed", SEV_WARNING,
	    "a log line says the phone's log upload failed" },
	[FIND_LONG_ENTRY] = { "long-entry", SEV_WARNING,
	    "a CONFIG_FILES entry longer than a phone accepts" },
	[FIND_LONG_LIST] = { "long-list", SEV_WARNING,
	    "CONFIG_FILES longer than a phone accepts" },
	[FIND_MASTER_CASE] = { "master-case", SEV_WARNING,
	    "the master's name is not lowercase" },
	[FIND_MASTER_PARAMS] = { "master-params", SEV_WARNING,
	    "the master carries parameters, which a phone does not apply" },
	[FIND_MASTER_SELF] = { "master-self", SEV_WARNING,
	    "the master lists itself in CONFIG_FILES" },
	[FIND_NAME_CASE] = { "name-case", SEV_WARNING,
	    "two parameter names differ only in case" },
	[FIND_NEEDS_MODEL] = { "needs-model", SEV_WARNING,
	    "an entry uses [PHONE_MODEL] and no model was given" },
	[FIND_NO_CONFIG_FILES] = { "no-config-files", SEV_WARNING,
	    "the master has no CONFIG_FILES: the phone reads no "
	    "configuration files" },
	[FIND_OVERRIDDEN] = { "overridden", SEV_WARNING,
	    "an override file shadows a configuration file's value" },
	[FIND_OVERRIDES_URL] = { "overrides-url", SEV_WARNING,
	    "OVERRIDES_DIRECTORY is a URL; the root was searched instead" },
	[FIND_PROV_REDIRECT] = { "prov-redirect", SEV_WARNING,
	    "the merged values send the phone to another provisioning "
	    "server" },
	[FIND_PROV_SERVER] = { "prov-server", SEV_WARNING,
	    "the phone provisions from another server than the share" },
	[FIND_TLS_EXPIRED] = { "tls-expired", SEV_WARNING,
	    "a certificate of the server's chain is outside its validity "
	    "period" },
	[FIND_TLS_NAME] = { "tls-name", SEV_WARNING,
	    "the server's certificate does not name the host of the share "
	    "URL" },
	[FIND_TLS_UNTRUSTED] = { "tls-untrusted", SEV_WARNING,
	    "the server's chain reaches no CA a phone configured by the "
	    "share trusts" },
	[FIND_UNLISTABLE_DIR] = { "unlistable-dir", SEV_WARNING,
	    "a directory of the share cannot be listed; the names a phone "
	    "asks for are tried as they are" },
	[FIND_UPLOADS_STALE] = { "uploads-stale", SEV_WARNING,
	    "the phone's newest log upload is older than --max-age, or it "
	    "uploaded none" },
	[FIND_URL_ENTRY] = { "url-entry", SEV_WARNING,
	    "a URL in CONFIG_FILES is not read without --follow-urls" },
	[FIND_AMBIGUOUS_MODEL_LIST] = { "ambiguous-model-list", SEV_NOTE,
	    "CONFIG_FILES_model is empty; the generic list is used" },
	[FIND_DUPLICATE_ENTRY] = { "duplicate-entry", SEV_NOTE,
	    "a file listed more than once" },
	[FIND_ENCRYPTED] = { "encrypted", SEV_NOTE,
	    "an encrypted file (Digest= header): its values are not audited" },
	[FIND_FIRMWARE_UNKNOWN] = { "firmware-unknown", SEV_NOTE,
	    "which image the phone loads needs its model" },
	[FIND_NO_LISTING] = { "no-listing", SEV_NOTE,
	    "the share cannot be listed: names are asked for exactly" },
	[FIND_NOT_APPLIED] = { "not-applied", SEV_NOTE,
	    "device.* values that do not take effect" },
	[FIND_OVERRIDES_ABSOLUTE] = { "overrides-absolute", SEV_NOTE,
	    "OVERRIDES_DIRECTORY starts with /: read under the share's root" },
	[FIND_ORPHAN_OVERRIDE] = { "orphan-override", SEV_NOTE,
	    "an override file for a MAC to which no master applies" },
	[FIND_PROV_REDIRECT_UNKNOWN] = { "prov-redirect", SEV_NOTE,
	    "the merged values name a provisioning server; whether it serves "
	    "the audited directory cannot be told" },
	[FIND_REDUNDANT_OVERRIDE] = { "redundant-override", SEV_NOTE,
	    "override values equal to what would win without them" },
	[FIND_PROV_SERVER_UNKNOWN] = { "prov-server", SEV_NOTE,
	    "whether the phone provisions from the share cannot be told" },
	[FIND_TLS_UNTRUSTED_UNKNOWN] = { "tls-untrusted", SEV_NOTE,
	    "no public root holds the CA the server's chain needs; whether "
	    "the configuration installs it cannot be told" },
};

/* A new finding at its code's level; file may be NULL, line 0. */
static struct finding *
append(struct findings *fs, enum findcode code, const char *file, int line)
{
	struct finding	*f;

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 8;
		fs->v = xreallocarray(fs->v, fs->cap, sizeof(*fs->v));
	}
	f = &fs->v[fs->n++];
	f->code = code;
	f->sev = codes[code].sev;
	f->file = strpool_dup(&fs->text, file);
	f->line = line;
	return f;
}

void
findings_add(struct findings *fs, enum findcode code, const char *file,
    int line, const char *fmt, ...)
{
	struct finding	*f = append(fs, code, file, line);
	va_list		 ap;

	va_start(ap, fmt);
	if ((f->message = strpool_vprintf(&fs->text, fmt, ap)) == NULL)
		f->message = strpool_dup(&fs->text, fmt);
	va_end(ap);
}

/* findings_add() of a message already made: one made for many phones. */
void
findings_add_text(struct findings *fs, enum findcode code, const char *file,
    int line, const char *message)
{
	append(fs, code, file, line)->message = strpool_dup(&fs->text,
	    message);
}

/* The worst severity present, or -1 when there are no findings. */
int
findings_worst(const struct findings *fs)
{
	size_t	i;
	int	worst = -1;

	for (i = 0; i < fs->n; i++)
		if ((int)fs->v[i].sev > worst)
			worst = fs->v[i].sev;
	return worst;
}

void
findings_free(struct findings *fs)
{
	free(fs->v);
	strpool_free(&fs->text);
	memset(fs, 0, sizeof(*fs));
}

/* The code's stable name, as reports print it. */
const char *
findings_name(enum findcode code)
{
	return codes[code].name;
}

const char *
severity_name(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}
