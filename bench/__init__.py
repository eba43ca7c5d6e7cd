"""The benchmark behind `make bench N=100000` (bench/README.md); not part of `make test`."""
