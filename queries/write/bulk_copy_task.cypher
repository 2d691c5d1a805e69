// description: Bulk first load (embedded store only): append every Task row from Task.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY Task FROM 'Task.csv' (HEADER=false)
