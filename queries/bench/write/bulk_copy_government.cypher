// description: Bulk first load (embedded store only): append every Government row from Government.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY Government FROM 'Government.csv' (HEADER=false)
