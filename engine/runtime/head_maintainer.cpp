// head_maintainer: not written yet
