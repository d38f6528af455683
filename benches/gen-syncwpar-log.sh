#!/bin/sh
# Writes a realistic syncwpar log of about SIZE_MB megabytes (default 100) to stdout: the line
# kinds of a real syncwpar run (the seed and the published installp transcripts), in their real
# proportions: per fileset an `installp:  APPLYING software for:` block, a copyright banner,
# blank lines and a `Filesets processed:` line; then the Installation Summary (20,000 rows),
# the Operation Summary and the trailer. Synthetic, built from those formats.
#
#     sh benches/gen-syncwpar-log.sh [SIZE_MB] [varied]
#
# `varied` writes a log less kind to the parser, closer to a big real run (the performance
# review's independent log has this mix): the Pre-installation Verification with a 2,000-line
# SUCCESSES list (lines no rule types), six different copyright banners, fileset rows indented
# by eight spaces or a TAB, one to three per list, `0513-071 … Subsystem has been added.` after
# 5% of the lists, the wrapped `0503-292` reboot notice after 3%, `Restoring files` / `N files
# restored.` after 7%, a COMMITTING list after 2%, then a 50,000-row Installation Summary (USR
# and ROOT, APPLY and COMMIT), `File … has been modified.` lines and the trailer. Line shapes
# from the published transcripts (installp-14: TAB rows, 0513-071, the wrapped 0503-292,
# Restoring files; installp-01/-09: SUCCESSES and `<< End of Success Section >>`). The pseudo-
# random choices are a fixed LCG, so every awk writes the same log.
size_mb="${1:-100}"
if [ "${2:-}" = varied ]; then
awk -v limit="$((size_mb * 1000000))" '
function rnd() { seed = (seed * 69069 + 1) % 4294967296; return seed / 4294967296 }
function out(s) { print s; bytes += length(s) + 1 }
BEGIN {
  seed = 42; bytes = 0; total = 50000; rule = "+-----------------------------------------------------------------------------+"
  split("bos openssh vac rsct xlC perfagent", product, " ")
  split("1985 2002 1991 1997 1995 2004", since, " ")
  out("*******************************************************************************")
  out("Synchronizing workload partition wp_name (1 of 1).")
  out("*******************************************************************************")
  out("inuwpar: The operation will be attempted in these environments:")
  out("wp_name")
  out("inuwpar: ==== Performing operation on wp_name ====")
  out(rule); out("                    Pre-installation Verification..."); out(rule)
  out("Verifying selections...done"); out("Verifying requisites...done"); out("Results...")
  out(""); out("SUCCESSES"); out("---------")
  out("  Filesets listed in this section passed pre-installation verification")
  out("  and will be installed."); out(""); out("  Selected Filesets"); out("  -----------------")
  for (i = 1; i <= 2000; i++)
    out(sprintf("  %s.fileset%d.rte 7.1.%d.%d                   # %s fileset %d", product[i % 6 + 1], i, i % 4, i % 40, product[i % 6 + 1], i))
  out(""); out("  << End of Success Section >>"); out("")
  n = 0
  while (bytes < limit - 8000000) {
    n++
    out("installp:  APPLYING software for:")
    k = 1 + int(rnd() * 3); tab = rnd() < 0.5
    for (i = 0; i < k; i++)
      out((tab ? "\t" : "        ") product[(n + i) % 6 + 1] ".fileset" (n % 900) ".client" i " 7.1." (n % 4) "." (n % 40))
    out(""); out("")
    b = int(rnd() * 6) + 1
    out(". . . . . << Copyright notice for " product[b] " >> . . . . . . .")
    out(" Licensed Materials - Property of IBM"); out(""); out(" 5765G6200")
    out("   Copyright International Business Machines Corp. " since[b] ", 2010.")
    if (b == 1) out("   Copyright AT&T 1984, 1985, 1986, 1987, 1988, 1989.")
    if (b == 2) out("   Copyright (c) 1995 Tatu Ylonen, Espoo, Finland.")
    out(""); out(" All rights reserved.")
    out(" US Government Users Restricted Rights - Use, duplication or disclosure")
    out(" restricted by GSA ADP Schedule Contract with IBM Corp.")
    out(". . . . . << End of copyright notice for " product[b] " >>. . . .")
    out("")
    r = rnd()
    if (r < 0.05) { out("0513-071 The sshd Subsystem has been added."); out("") }
    else if (r < 0.08) { out("0503-292 This update will not fully take effect until after a"); out("\tsystem reboot.") }
    else if (r < 0.15) { out("Restoring files, please wait."); out(int(rnd() * 20000) " files restored.") }
    else if (r < 0.17) { out("installp: COMMITTING software for:"); out("        " product[b] ".fileset" (n % 900) ".client0 7.1." (n % 4) "." (n % 40)); out("") }
    out("Filesets processed:  " n " of " (n + 1000) "  (Total time:  " int(n / 300) " mins " (n % 60) " secs).")
    out("")
  }
  out("Finished processing all filesets. (Total time: 52 mins 8 secs).")
  out(rule); out("                                Summaries:"); out(rule); out("")
  out("Installation Summary"); out("--------------------")
  out("Name                        Level           Part        Event       Result")
  out("-------------------------------------------------------------------------------")
  for (i = 1; i <= total; i++)
    out(sprintf("%-27s 7.1.%d.%-9d %-11s %-11s SUCCESS", product[i % 6 + 1] ".fileset" i, i % 4, i % 40, (i % 2 ? "USR" : "ROOT"), (i % 5 ? "APPLY" : "COMMIT")))
  out(""); out("File /etc/group has been modified."); out("File /etc/passwd has been modified."); out("")
  out("inuwpar: Operation Summary:")
  out("Environment                                         Return Code")
  out("--------------------------------------------------------")
  out("wp_name                                             0")
  out("Workload partition wp_name synchronized successfully.")
  out("Return Status = SUCCESS.")
}'
exit 0
fi
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
