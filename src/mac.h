/* Phone MAC addresses. */
#ifndef MAC_H
#define MAC_H

#define MAC_LEN	12	/* hex digits, no separators */

int	mac_parse(const char *, char [MAC_LEN + 1]);
int	mac_is_hex12(const char *, size_t);

#endif
