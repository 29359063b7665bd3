#!/usr/bin/env bash
# Prints the address through which a Docker action reaches a service on the runner: the gateway of a Docker
# network (default: bridge). A fresh engine's default bridge may report no gateway in its IPAM config; the
# address of the network's own interface (docker0, br-<id>) is then the gateway, and this says so on stderr.
# Exits 1 when neither gives an address. ci-cd.yml's smoke job uses it; scripts/container-test.sh tests it.
set -euo pipefail
net=${1:-bridge}
docker=${DOCKER:-docker}
notice="" error=""
if [ "${GITHUB_ACTIONS:-}" = true ]; then notice="::notice::" error="::error::"; fi

gateway=$("$docker" network inspect "$net" --format '{{range .IPAM.Config}}{{.Gateway}} {{end}}' |
  tr ' ' '\n' | grep -m1 -E '^[0-9]+(\.[0-9]+){3}$' || true)
if [ -z "$gateway" ]; then
  iface=$("$docker" network inspect "$net" --format '{{index .Options "com.docker.network.bridge.name"}}')
  if [ -z "$iface" ] || [ "$iface" = "<no value>" ]; then
    iface=br-$("$docker" network inspect "$net" --format '{{.Id}}' | cut -c1-12)
  fi
  gateway=$(ip -4 -o addr show dev "$iface" 2>/dev/null | awk '{split($4, a, "/"); print a[1]; exit}')
  echo "${notice}the Docker network $net reports no gateway: using the address of its interface $iface (${gateway:-none})" >&2
fi
if [ -z "$gateway" ]; then
  echo "${error}no gateway address for the Docker network $net: neither its IPAM config nor its interface has one" >&2
  exit 1
fi
echo "$gateway"
