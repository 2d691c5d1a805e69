// description: Bulk first load (embedded store only): append every LEADS row from LEADS.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY LEADS FROM 'LEADS.csv' (HEADER=false)
