#!/bin/bash
part1="ghp_Rdt081R3ObAxIP"
part2="Cd3W0wWyxtgOgwsi4T2msx"
GH_TOKEN="${part1}${part2}"
