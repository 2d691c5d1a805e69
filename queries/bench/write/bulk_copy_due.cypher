// description: Bulk first load (embedded store only): append every DUE row from DUE.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY DUE FROM 'DUE.csv' (HEADER=false)
