// The report page's script (inlined by llmx/report/page.py). It only ever sets textContent:
// the records' quotes come from the web.
(function(){
var records=JSON.parse(document.getElementById('records').textContent);
var panel=document.getElementById('panel');
function el(tag,text){var e=document.createElement(tag);if(text!==undefined)e.textContent=text;return e;}
function show(ids){
  panel.textContent='';
  ids.forEach(function(id){var r=records[id];if(!r)return;
    panel.appendChild(el('h3',r.type.replace('_',' ')+' #'+id));
    panel.appendChild(el('div','confidence: '+(r.confidence===null?'not assessed':r.confidence)));
    panel.appendChild(el('div','backend: '+r.backend));
    panel.appendChild(el('pre',JSON.stringify(r.values,null,1)));
    panel.appendChild(el('div','quote: \u201c'+r.quote+'\u201d'));
    Object.keys(r.field_quotes).forEach(function(f){panel.appendChild(el('div',f+': \u201c'+r.field_quotes[f]+'\u201d'));});
  });
  var close=el('button','close');close.onclick=function(){panel.style.display='none';};
  panel.appendChild(close);panel.style.display='block';
}
document.addEventListener('click',function(ev){
  var m=ev.target.closest?ev.target.closest('mark[data-record-id]'):null;if(!m)return;
  var ids=[];for(var n=m;n&&n.tagName==='MARK';n=n.parentElement){
    var id=n.getAttribute('data-record-id');if(ids.indexOf(id)<0)ids.push(id);}
  select(ids);
});
function select(ids){
  document.querySelectorAll('mark.sel').forEach(function(x){x.classList.remove('sel');});
  document.querySelectorAll('mark[data-record-id]').forEach(function(x){
    if(x.getAttribute('data-record-id')===ids[0])x.classList.add('sel');});
  show(ids);
}
function fold(s){return s.normalize('NFD').replace(/[\u0300-\u036f]/g,'').replace(/\u0111/g,'d').replace(/\u0110/g,'D').toLowerCase();}
var rows=Array.prototype.slice.call(document.querySelectorAll('#facts tbody tr'));
function filter(){
  var t=document.getElementById('f-type').value,i=document.getElementById('f-index').value,
      y=document.getElementById('f-year').value,e=fold(document.getElementById('f-entity').value),
      c=document.getElementById('f-conflicts').checked,n=0;
  rows.forEach(function(r){var ok=(!t||r.dataset.type===t)&&(!i||r.dataset.index===i)&&
    (!y||r.dataset.year===y)&&(!e||fold(r.dataset.entity).indexOf(e)>=0)&&(!c||r.dataset.conflict==='1');
    r.style.display=ok?'':'none';if(ok)n++;});
  document.getElementById('f-count').textContent=n+' of '+rows.length+' facts';
}
['f-type','f-index','f-year','f-entity','f-conflicts'].forEach(function(id){
  var e=document.getElementById(id);e.addEventListener('input',filter);e.addEventListener('change',filter);});
// Filters can be preset in the address (?entity=Bắc Giang&year=2022&conflicts=1).
var preset=new URLSearchParams(location.search);
['type','index','year','entity'].forEach(function(k){if(preset.has(k))document.getElementById('f-'+k).value=preset.get(k);});
if(preset.get('conflicts')==='1')document.getElementById('f-conflicts').checked=true;
filter();
// A link to one record (#record-<id>, e.g. from a saved review) opens it on load.
var wanted=decodeURIComponent(location.hash).replace(/^#record-/,'');
if(wanted&&records[wanted]){select([wanted]);}
})();
