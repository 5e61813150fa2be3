/*
 * DHCPINFORM probe: ask a DHCP server for options 43 and 120 the way a
 * Skype for Business phone does, and wait for its DHCPACK on UDP 68.
 */
#ifndef DHCP_PROBE_H
#define DHCP_PROBE_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP_SERVER_PORT	67
#define DHCP_CLIENT_PORT	68
#define DHCP_PKT_MAX		1500

struct dhcp_probe_args {
	const char	*server;	/* unicast IPv4, NULL = broadcast */
	const char	*interface;	/* NULL = any */
	int		 timeout;	/* seconds */
	unsigned int	 server_port;	/* 67 outside tests */
	unsigned int	 client_port;	/* 68 outside tests */
};

struct dhcp_probe_reply {
	int		 msgtype;	/* option 53; 5 = ACK */
	char		 from[INET_ADDRSTRLEN];
	int		 has43;
	unsigned char	 opt43[DHCP_PKT_MAX];
	size_t		 len43;
	int		 has120;
	unsigned char	 opt120[DHCP_PKT_MAX];
	size_t		 len120;
};

/* dhcp_probe.c */
size_t	dhcp_probe_build(unsigned char *, size_t, uint32_t, struct in_addr,
	    const unsigned char [6]);
int	dhcp_probe_parse(const unsigned char *, size_t, uint32_t,
	    struct dhcp_probe_reply *);
int	dhcp_probe_run(const struct dhcp_probe_args *,
	    struct dhcp_probe_reply *, char **);

#endif
