/*
 * Strings from outside (share, phone, server, DHCP answer) made visible
 * for text and CSV output, so that one value is always one cell on one
 * line and no byte reaches the terminal as a control: C0 controls, DEL
 * and the C1 code points become \n, \r, \t, \xHH, \u00HH; a backslash
 * becomes \\ so that the form is unambiguous; each byte that is not part
 * of well-formed UTF-8 becomes \xHH (a lone 0x9b is CSI to an 8-bit
 * terminal).  JSON does not use this: it keeps the exact value.
 */
#ifndef VIS_H
#define VIS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* The most bytes vis_encode() writes for one input byte. */
#define VIS_MAX	4

size_t	vis_utf8_len(const unsigned char *, size_t);
size_t	vis_cut(const char *, size_t, size_t);
size_t	vis_encode(char *, const char *, size_t);
size_t	vis_width(const char *);
int	vis_plain(const char *, size_t);
size_t	vis_fit(const char *, size_t, size_t *);
void	vis_write(FILE *, const char *, size_t);
void	vis_pad(FILE *, size_t);
void	vis_left(FILE *, const char *, int);
void	vis_csv(FILE *, const char *);
int	vis_fprintf(FILE *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	vis_vfprintf(FILE *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

#endif
