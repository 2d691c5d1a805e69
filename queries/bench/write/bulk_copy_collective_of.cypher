// description: Bulk first load (embedded store only): append every COLLECTIVE_OF row from COLLECTIVE_OF.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY COLLECTIVE_OF FROM 'COLLECTIVE_OF.csv' (HEADER=false)
