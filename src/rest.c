/*
 * Poly phone REST bodies.  Firmware differs in shapes, key spelling and
 * member types, so parsing is tolerant where the reference documents
 * variants and strict (a clear error, never a guess) everywhere else.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "mac.h"
#include "redact.h"
#include "rest.h"
#include "xalloc.h"

#define FIELD_MAX	1024	/* longest identity string we believe */

/*
 * Build the compact config/get body {"data":["a","b"]}; caller frees.
 * NULL when a name is not UTF-8.
 */
char *
rest_config_request(const char *const *names, size_t n)
{
	json_t	*root, *arr;
	char	*s, *out;
	size_t	 i;

	arr = json_array();
	/* A name that is not UTF-8 has no JSON string: refuse, not drop. */
	for (i = 0; i < n; i++)
		if (json_array_append_new(arr, json_string(names[i])) == -1) {
			json_decref(arr);
			return NULL;
		}
	root = json_object();
	json_object_set_new(root, "data", arr);
	s = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	if (s == NULL)		/* only on OOM */
		return NULL;
	out = xstrdup(s);
	free(s);
	return out;
}

/* Load a body: an object, no duplicate keys, no NUL in strings. */
static json_t *
load(const char *body, size_t len, char **cause)
{
	json_error_t	 jerr;
	json_t		*root;

	if (body == NULL || len == 0) {
		*cause = xstrdup("empty response body");
		return NULL;
	}
	root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		*cause = xasprintf("invalid JSON at byte %d: %s",
		    jerr.position, jerr.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		*cause = xstrdup("response is not a JSON object");
		return NULL;
	}
	return root;
}

/* Read Status, a string or a number. */
static int
get_status(json_t *root, long *status, char **cause)
{
	json_t		*st;
	const char	*s;
	char		*end;
	long		 v;

	*status = REST_STATUS_NONE;
	if ((st = json_object_get(root, "Status")) == NULL)
		return 0;
	if (json_is_integer(st)) {
		*status = (long)json_integer_value(st);
		return 0;
	}
	if (json_is_string(st)) {
		s = json_string_value(st);
		errno = 0;
		v = strtol(s, &end, 10);
		if (*s != '\0' && *end == '\0' && errno == 0 && v >= 0) {
			*status = v;
			return 0;
		}
	}
	*cause = xstrdup("Status is neither a number nor a numeric string");
	return -1;
}

/* Read the envelope's Status; REST_STATUS_NONE when it has none. */
int
rest_parse_status(const char *body, size_t len, long *status, char **cause)
{
	json_t	*root;
	int	 rc;

	*status = REST_STATUS_NONE;
	if ((root = load(body, len, cause)) == NULL)
		return -1;
	rc = get_status(root, status, cause);
	json_decref(root);
	return rc;
}

/* The manual's wording for a Status code, or NULL. */
const char *
rest_status_text(long st)
{
	switch (st) {
	case 2000: return "API executed successfully";
	case 4000: return "Invalid input parameters";
	case 4001: return "Device busy";
	case 4002: return "Line not registered";
	case 4003: return "Operation not allowed";
	case 4004: return "Operation not supported";
	case 4005: return "Line does not exist";
	case 4006: return "URLs not configured";
	case 4007: return "Call does not exist";
	case 4008: return "Configuration export failed";
	case 4009: return "Input size limit exceeded";
	case 4010: return "Default password not allowed";
	case 5000: return "Failed to process request";
	}
	return NULL;
}

/* The data member; a failed Status was the caller's to check. */
static json_t *
get_data(json_t *root, char **cause)
{
	json_t	*data;

	data = json_object_get(root, "data");
	if (!json_is_object(data)) {
		*cause = xstrdup(data == NULL ? "response has no data member" :
		    "data member is not an object");
		return NULL;
	}
	return data;
}

/*
 * Load a body with a Status that reads and a data object; Status is not
 * judged here.  Returns data, or NULL having released *root.
 */
static json_t *
load_data(const char *body, size_t len, json_t **root, char **cause)
{
	json_t	*data;
	long	 st;

	if ((*root = load(body, len, cause)) == NULL)
		return NULL;
	if (get_status(*root, &st, cause) == -1 ||
	    (data = get_data(*root, cause)) == NULL) {
		json_decref(*root);
		return NULL;
	}
	return data;
}

/*
 * Copy an optional string member into sp: absent or null gives NULL, any
 * other non-string type is an error naming the key.
 */
static int
opt_string(json_t *obj, const char *key, struct strpool *sp, char **out,
    char **cause)
{
	json_t	*v;

	*out = NULL;
	v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		*cause = xasprintf("%s is not a string", key);
		return -1;
	}
	if (json_string_length(v) > FIELD_MAX) {
		*cause = xasprintf("%s is longer than %d bytes", key,
		    FIELD_MAX);
		return -1;
	}
	*out = strpool_dup(sp, json_string_value(v));
	return 0;
}

/*
 * "VVX 411" -> VVX411, "VVX_400" -> VVX400: drop blanks and underscores.
 * Trio firmware also reports "RealPresence Trio 8800" and "Poly Trio
 * 8800": leading brand words go, so that every form selects Trio8800.
 */
char *
rest_model_normalise(const char *in)
{
	static const char *const brands[] = { "Polycom", "Poly", "RealPresence" };
	char	*out, *p;
	size_t	 i, l;

	for (i = 0; i < sizeof(brands) / sizeof(brands[0]); i++) {
		while (isspace((unsigned char)*in))
			in++;
		l = strlen(brands[i]);
		if (strncasecmp(in, brands[i], l) == 0 &&
		    (isspace((unsigned char)in[l]) || in[l] == '_'))
			in += l + 1;
	}
	out = p = xmalloc(strlen(in) + 1);
	for (; *in != '\0'; in++)
		if (!isspace((unsigned char)*in) && *in != '_')
			*p++ = *in;
	*p = '\0';
	return out;
}

/* Parse device/info, flat (v1) or nested Firmware{}/UpTime{} shape. */
int
rest_parse_device(const char *body, size_t len, struct strpool *sp,
    struct rest_device *dev, char **cause)
{
	json_t	*root, *data, *fw;
	char	*mac = NULL, *e, *model;
	int	 rc = -1;

	memset(dev, 0, sizeof(*dev));
	if ((data = load_data(body, len, &root, cause)) == NULL)
		return -1;
	if (opt_string(data, "ModelNumber", sp, &dev->model_raw, cause) ==
	    -1 || opt_string(data, "MACAddress", sp, &mac, cause) == -1)
		goto out;
	fw = json_object_get(data, "Firmware");
	if (json_is_object(fw)) {
		dev->nested = 1;
		if (opt_string(fw, "Application", sp, &dev->firmware, cause) ==
		    -1)
			goto out;
	} else if (fw != NULL && !json_is_null(fw)) {
		*cause = xstrdup("Firmware is not an object");
		goto out;
	} else if (opt_string(data, "FirmwareRelease", sp, &dev->firmware,
	    cause) == -1)
		goto out;
	if (json_is_object(json_object_get(data, "UpTime")))
		dev->nested = 1;
	/* Application is "5.9.3.2857 02-Jul-19 06:14": keep the version. */
	if (dev->firmware != NULL &&
	    (e = strpbrk(dev->firmware, " \t")) != NULL)
		*e = '\0';
	if (dev->model_raw != NULL) {
		model = rest_model_normalise(dev->model_raw);
		dev->model = strpool_dup(sp, model);
		free(model);
	}
	if (mac != NULL && mac_parse(mac, dev->mac) == -1) {
		*cause = xstrdup("MACAddress is not a MAC address");
		goto out;
	}
	if (dev->mac[0] == '\0' && dev->model == NULL &&
	    dev->firmware == NULL) {
		*cause = xstrdup("device/info has no MACAddress, ModelNumber "
		    "or firmware");
		goto out;
	}
	rc = 0;
out:
	json_decref(root);
	if (rc == -1)
		memset(dev, 0, sizeof(*dev));
	return rc;
}

/* Lowercase alphanumerics only, so ProvServer_Address matches too. */
static void
fold_key(const char *in, char *out, size_t outsz)
{
	size_t	n = 0;

	for (; *in != '\0' && n + 1 < outsz; in++)
		if (isalnum((unsigned char)*in))
			out[n++] = tolower((unsigned char)*in);
	out[n] = '\0';
}

/* Edit distance, enough for keys of a few dozen characters. */
static size_t
distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, prev[64], cur[64];

	if (la >= 64 || lb >= 64)
		return 64;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			cur[j] = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < cur[j])
				cur[j] = prev[j] + 1;
			if (cur[j - 1] + 1 < cur[j])
				cur[j] = cur[j - 1] + 1;
		}
		memcpy(prev, cur, (lb + 1) * sizeof(prev[0]));
	}
	return prev[lb];
}

/*
 * Find a member whose key matches want after folding case and punctuation,
 * or failing that within two edits: firmware misspells keys
 * (CDPCompability, DHCPBootServerUserOption).
 */
static const char *
tolerant_key(json_t *obj, const char *want)
{
	const char	*key, *best = NULL;
	char		 k[64], w[64];
	size_t		 d, bestd = 3;
	json_t		*v;

	fold_key(want, w, sizeof(w));
	json_object_foreach(obj, key, v) {
		fold_key(key, k, sizeof(k));
		if (strcmp(k, w) == 0)
			return key;
		if ((d = distance(k, w)) < bestd) {
			bestd = d;
			best = key;
		}
	}
	return best;
}

/* Parse network/info: the provisioning server the phone really uses. */
int
rest_parse_network(const char *body, size_t len, struct strpool *sp,
    struct rest_network *net, char **cause)
{
	static const char *want[] = {
	    "ProvServerAddress", "ProvServerType", "ProvServerUser" };
	json_t		*root, *data;
	char		**out[3];
	const char	*key;
	char		*shown;
	size_t		 i;
	int		 rc = -1;

	memset(net, 0, sizeof(*net));
	out[0] = &net->prov_server;
	out[1] = &net->prov_type;
	out[2] = &net->prov_user;
	if ((data = load_data(body, len, &root, cause)) == NULL)
		return -1;
	for (i = 0; i < 3; i++) {
		if ((key = tolerant_key(data, want[i])) == NULL)
			continue;
		if (opt_string(data, key, sp, out[i], cause) == -1)
			goto out;
	}
	if (net->prov_server != NULL) {
		shown = redact_url(net->prov_server);
		net->prov_server = strpool_dup(sp, shown);
		free(shown);
	}
	rc = 0;
out:
	json_decref(root);
	if (rc == -1)
		memset(net, 0, sizeof(*net));
	return rc;
}

/* Is name listed in InvalidParams (an array, or an object of names)? */
static int
listed_invalid(json_t *inv, const char *name)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	if (json_is_array(inv)) {
		json_array_foreach(inv, i, v)
			if (json_is_string(v) &&
			    strcmp(json_string_value(v), name) == 0)
				return 1;
	} else if (json_is_object(inv)) {
		json_object_foreach(inv, key, v)
			if (json_is_string(v) &&
			    strcmp(json_string_value(v), name) == 0)
				return 1;
	}
	return 0;
}

/*
 * Parse a config/get answer for the names requested.  A name missing from
 * data, or listed in InvalidParams, is unknown to the firmware.
 */
int
rest_parse_config(const char *body, size_t len, const char *const *names,
    size_t n, struct strpool *sp, struct rest_config *cfg, char **cause)
{
	json_t		*root, *data, *inv, *ent, *v;
	struct rest_param *p;
	long		 st;
	size_t		 i;
	int		 rc = -1;

	memset(cfg, 0, sizeof(*cfg));
	if ((root = load(body, len, cause)) == NULL)
		return -1;
	if (get_status(root, &st, cause) == -1)
		goto out;
	if (st != REST_STATUS_NONE && st != REST_OK) {
		*cause = xasprintf("Status %ld", st);
		goto out;
	}
	/* An answer where every name is unknown may carry no data at all. */
	data = json_object_get(root, "data");
	if (data != NULL && !json_is_null(data) && !json_is_object(data)) {
		*cause = xstrdup("data member is not an object");
		goto out;
	}
	inv = json_object_get(root, "InvalidParams");
	if (inv != NULL && !json_is_null(inv) && !json_is_array(inv) &&
	    !json_is_object(inv)) {
		*cause = xstrdup("InvalidParams is neither an array nor an "
		    "object");
		goto out;
	}
	cfg->params = xcalloc(n, sizeof(*cfg->params));
	cfg->nparams = n;
	for (i = 0; i < n; i++) {
		p = &cfg->params[i];
		p->name = strpool_dup(sp, names[i]);
		ent = json_is_object(data) ? json_object_get(data, names[i]) :
		    NULL;
		p->listed = listed_invalid(inv, names[i]);
		if (ent == NULL || p->listed) {
			cfg->nunknown++;
			continue;
		}
		if (!json_is_object(ent)) {
			*cause = xasprintf("%s: entry is not an object",
			    names[i]);
			goto out;
		}
		v = json_object_get(ent, "Value");
		if (!json_is_string(v)) {
			*cause = xasprintf("%s: Value is %s", names[i],
			    v == NULL ? "missing" : "not a string");
			goto out;
		}
		p->value = strpool_dup(sp, json_string_value(v));
		if (opt_string(ent, "Source", sp, &p->source, cause) == -1)
			goto out;
	}
	rc = 0;
out:
	json_decref(root);
	if (rc == -1)
		rest_config_free(cfg);
	return rc;
}

void
rest_config_free(struct rest_config *cfg)
{
	free(cfg->params);
	memset(cfg, 0, sizeof(*cfg));
}
