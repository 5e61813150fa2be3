/*
 * DHCPINFORM probe.  A phone that already has a lease asks for option 43
 * in an INFORM; the server answers with a unicast ACK to ciaddr:68, which
 * is exactly the packet firewalls like to drop.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netpacket/packet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dhcp.h"
#include "dhcp_probe.h"
#include "xalloc.h"

#define BOOTP_FIXED	236	/* op .. file */
#define DHCP_OPTS	240	/* after the magic cookie */

static const unsigned char cookie[4] = { 0x63, 0x82, 0x53, 0x63 };

/*
 * Build a DHCPINFORM like a Skype for Business phone's: vendor class
 * MS-UC-Client, asking for 43 and 120.  Returns its length.
 */
size_t
dhcp_probe_build(unsigned char *pkt, size_t size, uint32_t xid,
    struct in_addr ciaddr, const unsigned char mac[6])
{
	size_t	n;

	if (size < 300)
		return 0;
	memset(pkt, 0, size);
	pkt[0] = 1;			/* BOOTREQUEST */
	pkt[1] = 1;			/* Ethernet */
	pkt[2] = 6;
	pkt[4] = xid >> 24;
	pkt[5] = xid >> 16;
	pkt[6] = xid >> 8;
	pkt[7] = xid;
	memcpy(pkt + 12, &ciaddr.s_addr, 4);
	memcpy(pkt + 28, mac, 6);
	memcpy(pkt + BOOTP_FIXED, cookie, 4);
	n = DHCP_OPTS;
	pkt[n++] = 53;
	pkt[n++] = 1;
	pkt[n++] = 8;			/* DHCPINFORM */
	pkt[n++] = 60;
	pkt[n++] = strlen(DHCP_MSUC_CLASS);
	memcpy(pkt + n, DHCP_MSUC_CLASS, strlen(DHCP_MSUC_CLASS));
	n += strlen(DHCP_MSUC_CLASS);
	pkt[n++] = 55;
	pkt[n++] = 2;
	pkt[n++] = 43;
	pkt[n++] = 120;
	pkt[n++] = 61;
	pkt[n++] = 7;
	pkt[n++] = 1;			/* hardware type, then MAC */
	memcpy(pkt + n, mac, 6);
	n += 6;
	pkt[n++] = 255;
	/* BOOTP relays expect at least 300 bytes. */
	return n < 300 ? 300 : n;
}

static void
append(unsigned char *dst, size_t *dlen, const unsigned char *src,
    size_t len)
{
	if (*dlen + len > DHCP_PKT_MAX)
		len = DHCP_PKT_MAX - *dlen;
	memcpy(dst + *dlen, src, len);
	*dlen += len;
}

/*
 * Check a packet is a reply to our xid and pull out options 53, 43 and
 * 120; repeated options are concatenated (RFC 3396).  0 if it is ours.
 */
int
dhcp_probe_parse(const unsigned char *pkt, size_t len, uint32_t xid,
    struct dhcp_probe_reply *rp)
{
	uint32_t	got;
	size_t		i, l;

	if (len < DHCP_OPTS || pkt[0] != 2)
		return -1;
	got = (uint32_t)pkt[4] << 24 | (uint32_t)pkt[5] << 16 |
	    (uint32_t)pkt[6] << 8 | pkt[7];
	if (got != xid || memcmp(pkt + BOOTP_FIXED, cookie, 4) != 0)
		return -1;
	rp->msgtype = 0;
	rp->has43 = rp->has120 = 0;
	rp->len43 = rp->len120 = 0;
	for (i = DHCP_OPTS; i < len; ) {
		if (pkt[i] == 0) {
			i++;
			continue;
		}
		if (pkt[i] == 255 || i + 1 >= len)
			break;
		l = pkt[i + 1];
		if (i + 2 + l > len)
			l = len - i - 2;
		switch (pkt[i]) {
		case 53:
			if (l >= 1)
				rp->msgtype = pkt[i + 2];
			break;
		case 43:
			rp->has43 = 1;
			append(rp->opt43, &rp->len43, pkt + i + 2, l);
			break;
		case 120:
			rp->has120 = 1;
			append(rp->opt120, &rp->len120, pkt + i + 2, l);
			break;
		}
		i += 2 + l;
	}
	return 0;
}

/* The interface holding an address, and its MAC if it has one. */
static void
findif(struct in_addr addr, const char *ifname, struct in_addr *ifaddr,
    unsigned char mac[6])
{
	struct ifaddrs		*ifa, *i;
	struct sockaddr_in	*sin;
	struct sockaddr_ll	*sll;
	char			 name[IF_NAMESIZE] = "";

	memset(mac, 0, 6);
	if (getifaddrs(&ifa) == -1)
		return;
	for (i = ifa; i != NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET)
			continue;
		sin = (struct sockaddr_in *)i->ifa_addr;
		if (ifname != NULL ? strcmp(i->ifa_name, ifname) == 0 :
		    sin->sin_addr.s_addr == addr.s_addr) {
			snprintf(name, sizeof name, "%s", i->ifa_name);
			if (ifaddr != NULL)
				*ifaddr = sin->sin_addr;
			break;
		}
	}
	for (i = ifa; *name != '\0' && i != NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL ||
		    i->ifa_addr->sa_family != AF_PACKET ||
		    strcmp(i->ifa_name, name) != 0)
			continue;
		sll = (struct sockaddr_ll *)i->ifa_addr;
		if (sll->sll_halen == 6)
			memcpy(mac, sll->sll_addr, 6);
		break;
	}
	freeifaddrs(ifa);
}

/* The local address the kernel would send to the server from. */
static int
localaddr(const struct sockaddr_in *to, struct in_addr *addr, char **cause)
{
	struct sockaddr_in	sin;
	socklen_t		slen = sizeof sin;
	int			fd;

	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1) {
		*cause = xasprintf("socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (const struct sockaddr *)to, sizeof *to) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &slen) == -1) {
		*cause = xasprintf("no route to %s: %s",
		    inet_ntoa(to->sin_addr), strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	*addr = sin.sin_addr;
	return 0;
}

static int
bindfail(int fd, unsigned int port, char **cause)
{
	int	e = errno;

	close(fd);
	if (e == EACCES)
		*cause = xasprintf("cannot bind UDP port %u: %s; the DHCP "
		    "client port needs root or CAP_NET_BIND_SERVICE "
		    "(sudo setcap cap_net_bind_service+ep polyaudit)", port,
		    strerror(e));
	else if (e == EADDRINUSE)
		*cause = xasprintf("cannot bind UDP port %u: %s; another "
		    "DHCP client (dhclient, NetworkManager, "
		    "systemd-networkd) holds it: stop it or probe from "
		    "another host", port, strerror(e));
	else
		*cause = xasprintf("cannot bind UDP port %u: %s", port,
		    strerror(e));
	return -1;
}

static long long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Send one INFORM and wait for the matching reply.  1 if one came, 0 on
 * time-out, -1 with *cause on error.
 */
int
dhcp_probe_run(const struct dhcp_probe_args *a, struct dhcp_probe_reply *rp,
    char **cause)
{
	struct sockaddr_in	 to, me, from;
	struct in_addr		 ciaddr;
	struct pollfd		 pfd;
	unsigned char		 pkt[DHCP_PKT_MAX], mac[6];
	socklen_t		 flen;
	uint32_t		 xid;
	size_t			 len;
	ssize_t			 n;
	long long		 deadline, left;
	int			 fd, on = 1;

	memset(&to, 0, sizeof to);
	to.sin_family = AF_INET;
	to.sin_port = htons(a->server_port);
	ciaddr.s_addr = INADDR_ANY;
	if (a->server != NULL) {
		if (inet_pton(AF_INET, a->server, &to.sin_addr) != 1) {
			*cause = xasprintf("bad server address \"%s\": "
			    "expected an IPv4 address", a->server);
			return -1;
		}
		if (localaddr(&to, &ciaddr, cause) == -1)
			return -1;
		findif(ciaddr, NULL, NULL, mac);
		if (a->interface != NULL)
			findif(ciaddr, a->interface, NULL, mac);
	} else {
		to.sin_addr.s_addr = htonl(INADDR_BROADCAST);
		findif(ciaddr, a->interface, &ciaddr, mac);
	}

	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1) {
		*cause = xasprintf("socket: %s", strerror(errno));
		return -1;
	}
	if (a->interface != NULL && setsockopt(fd, SOL_SOCKET,
	    SO_BINDTODEVICE, a->interface, strlen(a->interface)) == -1) {
		*cause = xasprintf("cannot bind to interface %s: %s",
		    a->interface, strerror(errno));
		close(fd);
		return -1;
	}
	if (a->server == NULL && setsockopt(fd, SOL_SOCKET, SO_BROADCAST,
	    &on, sizeof on) == -1) {
		*cause = xasprintf("SO_BROADCAST: %s", strerror(errno));
		close(fd);
		return -1;
	}
	memset(&me, 0, sizeof me);
	me.sin_family = AF_INET;
	me.sin_port = htons(a->client_port);
	me.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(fd, (struct sockaddr *)&me, sizeof me) == -1)
		return bindfail(fd, a->client_port, cause);

	if (getentropy(&xid, sizeof xid) == -1)
		xid = (uint32_t)time(NULL) ^ (uint32_t)getpid();
	len = dhcp_probe_build(pkt, sizeof pkt, xid, ciaddr, mac);
	if (sendto(fd, pkt, len, 0, (struct sockaddr *)&to, sizeof to) == -1) {
		*cause = xasprintf("cannot send DHCPINFORM to %s port %u: %s",
		    inet_ntoa(to.sin_addr), a->server_port, strerror(errno));
		close(fd);
		return -1;
	}

	deadline = now_ms() + (long long)a->timeout * 1000;
	pfd.fd = fd;
	pfd.events = POLLIN;
	while ((left = deadline - now_ms()) > 0) {
		if (poll(&pfd, 1, (int)left) == -1) {
			if (errno == EINTR)
				continue;
			*cause = xasprintf("poll: %s", strerror(errno));
			close(fd);
			return -1;
		}
		if (!(pfd.revents & POLLIN))
			continue;
		flen = sizeof from;
		n = recvfrom(fd, pkt, sizeof pkt, 0, (struct sockaddr *)&from,
		    &flen);
		if (n == -1)
			continue;	/* ICMP errors and the like */
		if (dhcp_probe_parse(pkt, (size_t)n, xid, rp) == 0) {
			inet_ntop(AF_INET, &from.sin_addr, rp->from,
			    sizeof rp->from);
			close(fd);
			return 1;
		}
	}
	close(fd);
	return 0;
}
