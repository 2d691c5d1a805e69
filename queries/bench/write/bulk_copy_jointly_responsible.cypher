// description: Bulk first load (embedded store only): append every JOINTLY_RESPONSIBLE row from JOINTLY_RESPONSIBLE.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY JOINTLY_RESPONSIBLE FROM 'JOINTLY_RESPONSIBLE.csv' (HEADER=false)
