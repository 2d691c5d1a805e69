// description: Bulk first load (embedded store only): append every SUPPORTS row from SUPPORTS.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY SUPPORTS FROM 'SUPPORTS.csv' (HEADER=false)
