#!/bin/sh
# Writes a realistic syncwpar log of about SIZE_MB megabytes (default 100) to stdout: the line
# kinds of a real syncwpar run (the seed and the published installp transcripts), in their real
# proportions: per fileset an `installp:  APPLYING software for:` block, a copyright banner,
# blank lines and a `Filesets processed:` line; then the Installation Summary (20,000 rows),
# the Operation Summary and the trailer. Synthetic, built from those formats.
size_mb="${1:-100}"
awk -v limit="$((size_mb * 1000000))" 'BEGIN {
  n = 0; bytes = 0; total = 20000
  print "*******************************************************************************"
  print "Synchronizing workload partition wp_name (1 of 1)."
  print "*******************************************************************************"
  while (bytes < limit - 2500000) {
    n++
    l[1] = "installp:  APPLYING software for:"
    l[2] = "        bos.fileset" (n % 900) " 7.1.0." (n % 50)
    l[3] = ""
    l[4] = ""
    l[5] = ". . . . . << Copyright notice for bos >> . . . . . . ."
    l[6] = " Licensed Materials - Property of IBM"
    l[7] = ""
    l[8] = " 5765G6200"
    l[9] = "   Copyright International Business Machines Corp. 1985, 2010."
    l[10] = "   Copyright AT&T 1984, 1985, 1986, 1987, 1988, 1989."
    l[11] = ""
    l[12] = " All rights reserved."
    l[13] = " US Government Users Restricted Rights - Use, duplication or disclosure"
    l[14] = " restricted by GSA ADP Schedule Contract with IBM Corp."
    l[15] = ". . . . . << End of copyright notice for bos >>. . . ."
    l[16] = ""
    l[17] = "Filesets processed:  " (n % total) " of " total "  (Total time:  " int(n / 300) " mins " (n % 60) " secs)."
    l[18] = ""
    for (i = 1; i <= 18; i++) { print l[i]; bytes += length(l[i]) + 1 }
  }
  print "Finished processing all filesets. (Total time: 52 mins 8 secs)."
  print "+-----------------------------------------------------------------------------+"
  print "                                Summaries:"
  print "+-----------------------------------------------------------------------------+"
  print ""
  print "Installation Summary"
  print "--------------------"
  print "Name                        Level           Part        Event       Result"
  print "-------------------------------------------------------------------------------"
  for (i = 1; i <= total; i++)
    printf "bos.fileset%05d             7.1.0.%d         USR         APPLY       SUCCESS\n", i, i % 50
  print ""
  print "inuwpar: Operation Summary:"
  print "Environment                                         Return Code"
  print "--------------------------------------------------------"
  print "wp_name                                             0"
  print "Workload partition wp_name synchronized successfully."
  print "Return Status = SUCCESS."
}'
