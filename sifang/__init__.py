"""sifang: the 四方合作 science-and-technology cooperation platform."""
