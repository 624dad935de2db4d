"""The agencies of Qom province and the services each one offers, in English and Persian.

Input of ``tools/generate_qom.py``. Each service line reads ``TYPE AUDIENCE English | Persian``:
TYPE is ``i`` (informational), ``t`` (transactional) or ``x`` (interactive); AUDIENCE is a
combination of ``c`` (citizens), ``b`` (businesses) and ``g`` (government bodies).
"""

from __future__ import annotations

# (id, English name, Persian name, declared?)
AGENCIES: list[tuple[str, str, str, bool]] = [
    ("abfa", "Qom Province Water and Wastewater Company", "شرکت آب و فاضلاب استان قم", True),
    (
        "mpo",
        "Management and Planning Organization of Qom Province",
        "سازمان مدیریت و برنامه‌ریزی استان قم",
        True,
    ),
    (
        "economic-affairs",
        "General Directorate of Economic Affairs and Finance",
        "اداره کل امور اقتصادی و دارایی استان قم",
        True,
    ),
    ("tax-affairs", "Qom Province Tax Affairs Directorate", "اداره کل امور مالیاتی استان قم", True),
    ("post", "Qom Province Post Company", "شرکت پست استان قم", True),
    (
        "cooperatives-labour-welfare",
        "General Directorate of Cooperatives, Labour and Social Welfare",
        "اداره کل تعاون، کار و رفاه اجتماعی استان قم",
        True,
    ),
    (
        "ict",
        "General Directorate of Communications and Information Technology",
        "اداره کل ارتباطات و فناوری اطلاعات استان قم",
        True,
    ),
    (
        "civil-registration",
        "General Directorate of Civil Registration",
        "اداره کل ثبت احوال استان قم",
        True,
    ),
    (
        "deeds-registration",
        "General Directorate of Deeds and Property Registration",
        "اداره کل ثبت اسناد و املاک استان قم",
        True,
    ),
    (
        "social-security",
        "Social Security Organization, Qom Province",
        "اداره کل تأمین اجتماعی استان قم",
        True,
    ),
    (
        "health-insurance",
        "Health Insurance Directorate of Qom Province",
        "اداره کل بیمه سلامت استان قم",
        True,
    ),
    ("medical-sciences", "Qom University of Medical Sciences", "دانشگاه علوم پزشکی قم", True),
    ("education", "General Directorate of Education", "اداره کل آموزش و پرورش استان قم", True),
    (
        "roads-urban-development",
        "General Directorate of Roads and Urban Development",
        "اداره کل راه و شهرسازی استان قم",
        True,
    ),
    (
        "road-maintenance",
        "General Directorate of Road Maintenance and Transportation",
        "اداره کل راهداری و حمل و نقل جاده‌ای استان قم",
        True,
    ),
    (
        "power-distribution",
        "Qom Electricity Distribution Company",
        "شرکت توزیع نیروی برق استان قم",
        True,
    ),
    ("gas", "Qom Province Gas Company", "شرکت گاز استان قم", True),
    ("regional-water", "Qom Regional Water Company", "شرکت آب منطقه‌ای قم", True),
    (
        "agriculture",
        "Agriculture Jihad Organization of Qom Province",
        "سازمان جهاد کشاورزی استان قم",
        True,
    ),
    (
        "industry-mine-trade",
        "Organization of Industry, Mine and Trade",
        "سازمان صنعت، معدن و تجارت استان قم",
        True,
    ),
    (
        "environment",
        "General Directorate of Environmental Protection",
        "اداره کل حفاظت محیط زیست استان قم",
        True,
    ),
    (
        "natural-resources",
        "General Directorate of Natural Resources and Watershed Management",
        "اداره کل منابع طبیعی و آبخیزداری استان قم",
        True,
    ),
    (
        "cultural-heritage",
        "General Directorate of Cultural Heritage, Tourism and Handicrafts",
        "اداره کل میراث فرهنگی، گردشگری و صنایع دستی استان قم",
        True,
    ),
    (
        "culture-guidance",
        "General Directorate of Culture and Islamic Guidance",
        "اداره کل فرهنگ و ارشاد اسلامی استان قم",
        True,
    ),
    (
        "sports-youth",
        "General Directorate of Sports and Youth",
        "اداره کل ورزش و جوانان استان قم",
        True,
    ),
    ("welfare", "General Directorate of Welfare (Behzisti)", "اداره کل بهزیستی استان قم", True),
    (
        "relief-committee",
        "Imam Khomeini Relief Committee of Qom Province",
        "کمیته امداد امام خمینی (ره) استان قم",
        True,
    ),
    (
        "housing-foundation",
        "Housing Foundation of the Islamic Revolution, Qom Province",
        "بنیاد مسکن انقلاب اسلامی استان قم",
        True,
    ),
    (
        "martyrs-foundation",
        "Foundation of Martyrs and Veterans Affairs",
        "بنیاد شهید و امور ایثارگران استان قم",
        True,
    ),
    (
        "endowment",
        "General Directorate of Endowment and Charity Affairs",
        "اداره کل اوقاف و امور خیریه استان قم",
        True,
    ),
    ("governorate", "Governorate-General of Qom Province", "استانداری قم", True),
    (
        "technical-vocational",
        "General Directorate of Technical and Vocational Training",
        "اداره کل آموزش فنی و حرفه‌ای استان قم",
        True,
    ),
    ("standards", "General Directorate of Standards", "اداره کل استاندارد استان قم", True),
    ("veterinary", "General Directorate of Veterinary", "اداره کل دامپزشکی استان قم", True),
    ("meteorology", "General Directorate of Meteorology", "اداره کل هواشناسی استان قم", True),
    ("statistics", "Statistics Office of Qom Province", "اداره آمار استان قم", True),
    ("customs", "Qom Customs", "گمرک قم", True),
    (
        "crisis-management",
        "General Directorate of Crisis Management",
        "اداره کل مدیریت بحران استان قم",
        True,
    ),
    (
        "public-libraries",
        "General Directorate of Public Libraries",
        "اداره کل کتابخانه‌های عمومی استان قم",
        True,
    ),
    (
        "telecommunication",
        "Telecommunication Company of Qom Province",
        "شرکت مخابرات استان قم",
        True,
    ),
    ("red-crescent", "Red Crescent Society of Qom Province", "جمعیت هلال احمر استان قم", True),
    ("qom-university", "University of Qom", "دانشگاه قم", True),
    (
        "islamic-propagation",
        "Islamic Propagation Organization of Qom Province",
        "سازمان تبلیغات اسلامی استان قم",
        True,
    ),
    (
        "oil-products",
        "National Iranian Oil Products Distribution Company, Qom Region",
        "شرکت ملی پخش فرآورده‌های نفتی منطقه قم",
        True,
    ),
    (
        "children-institute",
        "Institute for the Intellectual Development of Children and Young Adults",
        "کانون پرورش فکری کودکان و نوجوانان استان قم",
        True,
    ),
    (
        "literacy-movement",
        "General Directorate of the Literacy Movement",
        "اداره کل نهضت سوادآموزی استان قم",
        True,
    ),
    (
        "pension-fund",
        "Civil Servants Pension Fund, Qom Province",
        "اداره کل صندوق بازنشستگی کشوری استان قم",
        True,
    ),
    (
        "penalties-organization",
        "Government Discretionary Penalties Organization",
        "اداره کل تعزیرات حکومتی استان قم",
        True,
    ),
    ("industrial-estates", "Qom Industrial Estates Company", "شرکت شهرک‌های صنعتی استان قم", True),
    ("science-park", "Qom Science and Technology Park", "پارک علم و فناوری استان قم", True),
    (
        "rural-cooperatives",
        "Rural Cooperatives Organization of Qom Province",
        "سازمان تعاون روستایی استان قم",
        True,
    ),
    (
        "agricultural-research",
        "Agricultural and Natural Resources Research and Education Centre",
        "مرکز تحقیقات و آموزش کشاورزی و منابع طبیعی استان قم",
        True,
    ),
    ("technology-university", "Qom University of Technology", "دانشگاه صنعتی قم", True),
    (
        "foreign-nationals",
        "General Directorate of Foreign Nationals and Immigrants Affairs",
        "اداره کل امور اتباع و مهاجرین خارجی استان قم",
        True,
    ),
    (
        "land-affairs",
        "Land Affairs Organization of Qom Province",
        "اداره امور اراضی استان قم",
        False,
    ),
    (
        "hajj-pilgrimage",
        "Hajj and Pilgrimage Organization of Qom Province",
        "سازمان حج و زیارت استان قم",
        False,
    ),
    ("irib", "IRIB Qom Centre", "صدا و سیمای مرکز قم", False),
    ("salafchegan-zone", "Salafchegan Special Economic Zone", "منطقه ویژه اقتصادی سلفچگان", False),
]

# Services every agency of the province runs in some form, used to complete its catalogue.
COMMON = """
x cb Complaints and grievances | رسیدگی به شکایات و نارضایتی‌ها
i cb Request status tracking | پیگیری وضعیت درخواست
x c Online appointment booking | نوبت‌دهی اینترنتی
i b Tender and auction notices | اطلاع‌رسانی مناقصات و مزایده‌ها
i c Recruitment announcements | اطلاع‌رسانی جذب و استخدام
x cb Access to information requests | درخواست دسترسی آزاد به اطلاعات
x cb Meeting request with the director-general | درخواست ملاقات با مدیرکل
t g Staff payslip and employment certificate | صدور فیش حقوقی و گواهی اشتغال کارکنان
x g Correspondence inquiry | استعلام مکاتبات اداری
t b Supplier registration | ثبت‌نام تأمین‌کنندگان
i cbg Service guides | شناسنامه و راهنمای خدمات
x b Contractor payment status inquiry | استعلام وضعیت پرداخت پیمانکاران
x c Citizen satisfaction survey | نظرسنجی رضایت مراجعان
i cbg News and announcements | اخبار و اطلاعیه‌ها
"""

SERVICES: dict[str, str] = {
    "abfa": """
t cb New water and sewer connection | درخواست انشعاب آب و فاضلاب
t c Water bill payment | پرداخت قبض آب
x c Water bill inquiry | استعلام قبض آب
t c Duplicate bill issue | صدور المثنی قبض
x c Meter reading self-declaration | خوداظهاری کارکرد کنتور
t cb Change of subscriber name | تغییر نام مشترک
t cb Meter relocation | جابه‌جایی محل کنتور
t cb Meter replacement request | درخواست تعویض کنتور
t cb Connection capacity increase | افزایش ظرفیت انشعاب
t b Sewer connection for construction permits | استعلام فاضلاب برای پروانه ساختمانی
x c Water cut-off schedule | اعلام برنامه قطعی آب
x cb Leak and incident report (122) | گزارش حوادث و نشت آب (۱۲۲)
t cb Bill installment arrangement | تقسیط بدهی قبوض
x g Debt clearance inquiry for property transactions | استعلام بدهی انشعاب برای نقل و انتقال ملک
t cb Temporary disconnection request | درخواست قطع موقت انشعاب
""",
    "mpo": """
x g Provincial development project tracking | پایش پروژه‌های عمرانی استان
t g Budget allocation request | درخواست تخصیص اعتبار
t b Contractor grading and qualification | رتبه‌بندی و تشخیص صلاحیت پیمانکاران
t b Consultant qualification | تشخیص صلاحیت مشاوران
x g Provincial credit inquiry | استعلام اعتبارات استانی
t g Project approval request | درخواست تصویب طرح
x cb Provincial statistics yearbook | سالنامه آماری استان
t g Administrative organisation changes | تغییرات ساختار سازمانی
t g Employee performance evaluation system | ارزیابی عملکرد کارکنان
t b Contractor licence renewal | تمدید گواهی صلاحیت پیمانکاری
x b Project contract inquiry | استعلام قراردادهای طرح‌ها
""",
    "economic-affairs": """
t b Investment licence | صدور مجوز سرمایه‌گذاری
x b Foreign investment consultation | مشاوره سرمایه‌گذاری خارجی
t g Government property registration | ثبت اموال دولتی
x g State payment documents inquiry | استعلام اسناد پرداخت دولتی
t b Stock exchange listing support | پذیرش در بازار سرمایه
x cb Investment opportunities catalogue | معرفی فرصت‌های سرمایه‌گذاری
t b Public procurement registration (Setad) | ثبت‌نام در سامانه تدارکات الکترونیکی دولت
x g Treasury account inquiry | استعلام حساب‌های خزانه
t cb Government bond and sukuk services | خدمات اوراق مالی اسلامی
x b Business environment complaints | رسیدگی به موانع کسب و کار
""",
    "tax-affairs": """
t b Value-added tax return | ارائه اظهارنامه مالیات بر ارزش افزوده
t cb Income tax return | ارائه اظهارنامه مالیات بر درآمد
t cb Tax clearance certificate | صدور مفاصاحساب مالیاتی
t cb Tax payment | پرداخت مالیات
x b Economic code registration | ثبت‌نام کد اقتصادی
t cb Rental income tax return | اظهارنامه مالیات بر اجاره
t c Inheritance tax return | اظهارنامه مالیات بر ارث
x cb Tax debt inquiry | استعلام بدهی مالیاتی
t b Seasonal transactions report | گزارش معاملات فصلی
t cb Property transfer tax | مالیات نقل و انتقال املاک
t b Tax objection and appeal | اعتراض و دادرسی مالیاتی
""",
    "post": """
t cb Domestic parcel posting | ارسال مرسولات داخلی
x cb Parcel tracking | رهگیری مرسولات
x cbg Postal code inquiry | استعلام کد پستی
t cb Postal code certificate | صدور گواهی کد پستی
t cb International parcel posting | ارسال مرسولات بین‌المللی
t cb Courier pickup request | درخواست جمع‌آوری مرسوله از محل
t c Document delivery for government services | تحویل مدارک خدمات دولتی
t b Bulk mail contract | قرارداد مرسولات انبوه
t c Post office box rental | اجاره صندوق پستی
t b E-commerce fulfilment (Postex) | خدمات پستی تجارت الکترونیک
""",
    "cooperatives-labour-welfare": """
t b Cooperative registration | ثبت تعاونی
t cb Work permit for foreign nationals | پروانه کار اتباع خارجی
t cb Unemployment insurance claim | درخواست بیمه بیکاری
x cb Labour dispute filing | طرح دعوی در هیئت‌های حل اختلاف کار
t c Livelihood support registration | ثبت‌نام حمایت معیشتی
x b Job vacancy registration | ثبت فرصت شغلی
t b Employment grant application | درخواست تسهیلات اشتغال
x cb Labour inspection request | درخواست بازرسی کار
t b Cooperative general assembly approval | تأیید مجامع تعاونی‌ها
""",
    "ict": """
t cb Rural ICT office licence | صدور مجوز دفتر ICT روستایی
t b E-government kiosk office licence | صدور مجوز دفاتر پیشخوان دولت
x g Agency website and portal assessment | ارزیابی پورتال دستگاه‌ها
t g Government data centre hosting | میزبانی در مرکز داده دولتی
x g Service inventory self-declaration | خوداظهاری شناسنامه خدمات
t b ICT company rating | رتبه‌بندی شرکت‌های فناوری اطلاعات
x cb Internet and mobile coverage complaints | رسیدگی به شکایات پوشش اینترنت و تلفن همراه
t g Government network connection request | درخواست اتصال به شبکه دولت
""",
    "civil-registration": """
t c Birth registration | ثبت ولادت
t c Death registration | ثبت وفات
t c Smart national card application | درخواست کارت هوشمند ملی
x cbg Identity inquiry | استعلام هویت
t c Birth certificate replacement | صدور المثنی شناسنامه
t c Name change request | درخواست تغییر نام
t c Marriage and divorce registration | ثبت ازدواج و طلاق
x c Smart card issue tracking | پیگیری صدور کارت هوشمند
t c Record correction | اصلاح مشخصات سجلی
i c Population statistics | آمار جمعیتی
""",
    "deeds-registration": """
t cb Official document registration | ثبت اسناد رسمی
x cbg Property ownership inquiry | استعلام وضعیت مالکیت ملک
t b Company registration | ثبت شرکت
t b Company changes registration | ثبت تغییرات شرکت‌ها
t cb Single-page title deed issue | صدور سند تک‌برگ
t cb Enforcement of official documents | اجرای اسناد رسمی
x b Trademark registration inquiry | استعلام علامت تجاری
t cb Property mortgage release | فک رهن
x g Notary office inspection | نظارت بر دفاتر اسناد رسمی
""",
    "social-security": """
x cbg Insurance record inquiry | استعلام سوابق بیمه
t b Employer monthly contributions list | ارسال لیست بیمه کارفرمایان
t c Self-employed insurance enrolment | بیمه مشاغل آزاد
t c Pension claim | درخواست مستمری
t c Sick leave compensation | غرامت دستمزد ایام بیماری
t b Employer debt clearance | مفاصاحساب کارفرمایان
t c Marriage allowance | کمک هزینه ازدواج
x c Insured person eligibility inquiry | استعلام اعتبار دفترچه بیمه
t c Unemployment insurance payment | پرداخت بیمه بیکاری
t cb Contribution debt installments | تقسیط بدهی حق بیمه
t b Workshop code registration | ثبت کد کارگاه
""",
    "health-insurance": """
t c Health insurance enrolment | ثبت‌نام بیمه سلامت
x c Coverage eligibility inquiry | استعلام پوشش بیمه‌ای
t c Electronic prescription | نسخه الکترونیک
t cb Provider contract registration | عقد قرارداد با مراکز درمانی
t c Universal health insurance for the uninsured | بیمه همگانی افراد فاقد پوشش
x g Provider claims settlement | رسیدگی به اسناد پزشکی مراکز
t c Reimbursement of medical costs | بازپرداخت هزینه‌های درمان
""",
    "medical-sciences": """
t b Medical facility licence | صدور پروانه تأسیس مراکز درمانی
t b Food and cosmetics health licence | پروانه بهداشتی مواد غذایی و آرایشی
t c Hospital appointment | نوبت‌دهی بیمارستان‌ها
x c Test results | جواب آزمایش
t c Health record registration (SIB) | ثبت پرونده سلامت
x c COVID-19 vaccination and test booking | نوبت‌دهی تست و واکسن کرونا
t b Pharmacy licence | پروانه داروخانه
t b Health worker practice licence | پروانه مطب و صلاحیت حرفه‌ای
x cb Health inspection complaint | شکایت بهداشت محیط
t c Medical certificate for marriage | گواهی آزمایش ازدواج
t c Student registration | ثبت‌نام دانشجویان
x c Emergency medical services (115) | فوریت‌های پزشکی (۱۱۵)
""",
    "education": """
t c School enrolment | ثبت‌نام دانش‌آموزان
x c Report cards and grades | کارنامه و نمرات
x cg Academic record inquiry | استعلام مدرک تحصیلی
t c School transfer | انتقال دانش‌آموز
t b Private school licence | مجوز تأسیس مدارس غیردولتی
t c Teacher transfer request | درخواست انتقال فرهنگیان
t c Certificate duplicate issue | صدور المثنی مدرک
x c Online classes (Shad) | آموزش مجازی (شاد)
i c Exam schedules | برنامه امتحانات
t c Special schools admission | پذیرش مدارس استثنایی
""",
    "roads-urban-development": """
t b Engineering practice licence | پروانه اشتغال به کار مهندسی
t c National housing programme registration | ثبت‌نام طرح ملی مسکن
x b Engineering licence inquiry | استعلام پروانه مهندسی
t b Land allocation for housing projects | واگذاری زمین طرح‌های مسکن
x g Building regulation inquiry | استعلام ضوابط شهرسازی
t cb Road access permit | مجوز دسترسی به راه
t b Construction supervision contract | قرارداد نظارت ساختمان
""",
    "road-maintenance": """
t b Freight transport company licence | پروانه شرکت‌های حمل و نقل کالا
t b Smart card for trucks and drivers | کارت هوشمند ناوگان و رانندگان
t b Waybill issue | صدور بارنامه
t b Passenger transport licence | پروانه حمل و نقل مسافر
x cb Road conditions (141) | اطلاع‌رسانی وضعیت راه‌ها (۱۴۱)
t b Roadside service facility permit | مجوز تأسیسات بین‌راهی
x b Fleet technical inspection booking | نوبت معاینه فنی ناوگان
t b Driver health card | کارت سلامت رانندگان
""",
    "power-distribution": """
t cb New electricity connection | درخواست انشعاب برق
t c Electricity bill payment | پرداخت قبض برق
x c Electricity bill inquiry | استعلام قبض برق
x cb Outage report (121) | گزارش خاموشی (۱۲۱)
i cb Planned outage schedule | برنامه خاموشی‌ها
t cb Change of subscriber name | تغییر نام مشترک
t cb Meter relocation | جابه‌جایی کنتور
t cb Capacity increase | افزایش قدرت انشعاب
x c Meter self-reading | خوداظهاری کارکرد کنتور
x g Electricity debt inquiry for property transfer | استعلام بدهی برق برای نقل و انتقال
t b Solar generation connection | اتصال نیروگاه خورشیدی
t cb Bill installment arrangement | تقسیط بدهی برق
""",
    "gas": """
t cb New gas connection | درخواست انشعاب گاز
t c Gas bill payment | پرداخت قبض گاز
x c Gas bill inquiry | استعلام قبض گاز
x cb Gas emergency (194) | امداد گاز (۱۹۴)
t cb Change of subscriber name | تغییر نام مشترک
t b Gas piping contractor licence | مجوز مجریان لوله‌کشی گاز
t cb Meter relocation | جابه‌جایی کنتور گاز
x g Gas debt inquiry for property transfer | استعلام بدهی گاز برای نقل و انتقال
t b Industrial gas supply contract | قرارداد گازرسانی صنایع
""",
    "regional-water": """
t b Well drilling permit | پروانه حفر چاه
t b Water extraction licence renewal | تمدید پروانه بهره‌برداری
x b Groundwater level data | اطلاعات سطح آب زیرزمینی
t cb River bed boundary inquiry | استعلام حریم بستر رودخانه
t b Smart meter installation for wells | نصب کنتور هوشمند چاه
x cb Illegal well report | گزارش چاه غیرمجاز
t g Water allocation for projects | تخصیص آب طرح‌ها
""",
    "agriculture": """
t b Agricultural operating licence | پروانه بهره‌برداری کشاورزی
t b Greenhouse establishment permit | مجوز احداث گلخانه
x b Land use change inquiry | استعلام تغییر کاربری اراضی
t b Agricultural loans | تسهیلات کشاورزی
t b Fertiliser and seed quota | سهمیه کود و بذر
t b Livestock and poultry unit licence | پروانه واحدهای دامداری و مرغداری
x b Farmers' registry | سامانه جامع کشاورزان
t b Pistachio and crop insurance referral | معرفی به بیمه محصولات کشاورزی
i b Agricultural extension bulletins | نشریات ترویجی کشاورزی
""",
    "industry-mine-trade": """
t b Business licence (guild) | صدور پروانه کسب
t b Industrial establishment permit | جواز تأسیس واحد صنعتی
t b Industrial operating licence | پروانه بهره‌برداری صنعتی
x cbg Business licence inquiry | استعلام پروانه کسب
t b Mining exploration licence | پروانه اکتشاف معدن
t b Commercial card | کارت بازرگانی
x c Consumer complaint (124) | شکایات مصرف‌کنندگان (۱۲۴)
t b Goods distribution quota | سهمیه توزیع کالا
t b Export certificate of origin | گواهی مبدأ صادرات
x b Goods price registration | ثبت قیمت کالا
""",
    "environment": """
t b Environmental permit for industries | مجوز زیست‌محیطی صنایع
t c Hunting and fishing licence | پروانه شکار و صید
x cb Pollution report | گزارش آلودگی
t b Environmental impact assessment | ارزیابی اثرات زیست‌محیطی
x cb Air quality index | شاخص کیفیت هوا
t b Environmental laboratory accreditation | تأیید صلاحیت آزمایشگاه محیط زیست
""",
    "natural-resources": """
t b Rangeland grazing licence | پروانه چرای دام
x cbg Natural resources land inquiry | استعلام اراضی ملی
t b Forest and rangeland lease | واگذاری اراضی ملی
x cb Wildfire report | گزارش آتش‌سوزی مراتع
t b Seedling distribution | توزیع نهال
t b Sand mining permit | مجوز برداشت شن و ماسه
""",
    "cultural-heritage": """
t b Tourism agency licence | مجوز دفاتر خدمات مسافرتی
t b Hotel and guesthouse licence | مجوز هتل و مهمانپذیر
t b Handicraft artisan card | کارت شناسایی صنعتگران صنایع دستی
x g Heritage zone construction inquiry | استعلام حریم آثار تاریخی
t b Tour guide licence | کارت راهنمای گردشگری
i c Historic sites guide | معرفی جاذبه‌های تاریخی
t b Ecotourism lodge permit | مجوز اقامتگاه بوم‌گردی
""",
    "culture-guidance": """
t b Press licence | مجوز نشریات
t b Book publishing permit | مجوز نشر کتاب
t b Cultural institute licence | مجوز مؤسسات فرهنگی هنری
t b Advertising agency licence | مجوز کانون‌های تبلیغاتی
t b Concert and event permit | مجوز برگزاری کنسرت و رویداد
x c Artists' insurance registration | ثبت‌نام بیمه هنرمندان
t b Printing house licence | مجوز چاپخانه
""",
    "sports-youth": """
t b Sports club licence | مجوز باشگاه‌های ورزشی
t b Youth NGO registration | ثبت سازمان‌های مردم‌نهاد جوانان
t c Marriage loan referral | معرفی به تسهیلات ازدواج
x c Sports venue booking | رزرو اماکن ورزشی
t c Athlete insurance | بیمه ورزشی
i c Sports events calendar | تقویم رویدادهای ورزشی
""",
    "welfare": """
t c Disability assessment | کمیسیون تعیین نوع و شدت معلولیت
x cg Disability status inquiry | استعلام وضعیت معلولیت
t b Day-care centre licence | مجوز مهدکودک
t c Housing support for families with two disabled members | مسکن خانواده‌های دارای دو معلول
t c Addiction treatment referral | معرفی به مراکز ترک اعتیاد
x c Social emergency (123) | اورژانس اجتماعی (۱۲۳)
t c Pension for people with severe disabilities | مستمری معلولان شدید
t b Rehabilitation centre licence | مجوز مراکز توانبخشی
""",
    "relief-committee": """
t c Client admission | پذیرش مددجویان
t c Self-employment loans | وام خوداشتغالی
t c Dowry assistance | کمک‌هزینه جهیزیه
x c Sponsor registration (orphan sponsorship) | ثبت‌نام حامیان ایتام
t cb Alms and donations payment | پرداخت صدقات و نذورات
x g Client status inquiry | استعلام وضعیت مددجو
t c Student support | حمایت تحصیلی
""",
    "housing-foundation": """
t c Rural housing loan | تسهیلات مسکن روستایی
t c Rural title deed | صدور سند روستایی
x cg Rural land use inquiry | استعلام طرح هادی روستایی
t c Retrofitting of rural houses | مقاوم‌سازی مسکن روستایی
t b Contractor registration for rural projects | ثبت پیمانکاران طرح‌های روستایی
""",
    "martyrs-foundation": """
x cg Veteran status inquiry | استعلام ایثارگری
t c Veterans' medical services | خدمات درمانی ایثارگران
t c Housing loans for veterans' families | تسهیلات مسکن خانواده‌های ایثارگر
t c Education support for veterans' children | حمایت تحصیلی فرزندان ایثارگران
t c Pilgrimage trips | اعزام به سفرهای زیارتی
t c Veterans' employment referral | معرفی ایثارگران برای اشتغال
""",
    "endowment": """
t cb Endowment land lease | اجاره موقوفات
t c Endowment registration | ثبت وقف
x cb Endowment property inquiry | استعلام املاک موقوفه
t c Charitable fund allocation | تخصیص عواید موقوفات
""",
    "governorate": """
t cb Citizen petitions to the governor | عرض حال به استاندار
t b NGO registration | ثبت سازمان‌های مردم‌نهاد
t b Rally and assembly permit | مجوز برگزاری تجمعات
t g Provincial council decisions | مصوبات شوراهای استان
t cb Foreign nationals travel permit | برگه تردد اتباع
t b Political party registration | ثبت احزاب
i cbg Provincial announcements | اطلاعیه‌های استانداری
""",
    "technical-vocational": """
t c Course registration | ثبت‌نام دوره‌های آموزشی
t c Skill certificate | صدور گواهینامه مهارت
x cg Skill certificate inquiry | استعلام گواهینامه مهارت
t b Private training institute licence | مجوز آموزشگاه آزاد
t c Skill test booking | نوبت آزمون مهارت
""",
    "standards": """
t b Standard mark licence | پروانه کاربرد علامت استاندارد
t b Import conformity certificate | گواهی انطباق کالای وارداتی
x b Laboratory accreditation | تأیید صلاحیت آزمایشگاه همکار
t cb Elevator safety certificate | تأییدیه ایمنی آسانسور
x c Product standard mark inquiry | استعلام نشان استاندارد کالا
t b Gold and jewellery assay | عیارسنجی طلا و جواهر
""",
    "veterinary": """
t b Livestock unit health certificate | گواهی بهداشتی واحدهای دامی
t b Veterinary clinic licence | مجوز درمانگاه دامپزشکی
t b Animal transport health permit | مجوز بهداشتی حمل دام
x cb Animal disease report | گزارش بیماری دام
t b Slaughterhouse inspection | نظارت بر کشتارگاه‌ها
""",
    "meteorology": """
i cbg Weather forecast | پیش‌بینی وضع هوا
x cbg Weather warnings | هشدارهای هواشناسی
t b Climate data request | درخواست داده‌های اقلیمی
i b Agricultural meteorology bulletin | بولتن هواشناسی کشاورزی
""",
    "statistics": """
i cbg Provincial statistics releases | انتشار نتایج آماری استان
x g Statistical data request | درخواست داده‌های آماری
t g Survey interview scheduling | هماهنگی آمارگیری
""",
    "customs": """
t b Import declaration | اظهار واردات
t b Export declaration | اظهار صادرات
t cb Passenger goods clearance | ترخیص کالای مسافری
x b Customs tariff inquiry | استعلام تعرفه گمرکی
t b Customs broker licence | پروانه حق‌العمل‌کاری
""",
    "crisis-management": """
x cbg Disaster warnings | هشدارهای مدیریت بحران
t g Damage assessment request | درخواست ارزیابی خسارت
x cb Crisis volunteers registration | ثبت‌نام داوطلبان مدیریت بحران
i c Preparedness guidance | آموزش آمادگی در برابر بحران
""",
    "public-libraries": """
t c Library membership | عضویت در کتابخانه
x c Book catalogue search | جست‌وجوی فهرست کتاب‌ها
t c Book loan reservation | رزرو امانت کتاب
t b Partner library licence | مجوز کتابخانه مشارکتی
""",
    "telecommunication": """
t cb Landline installation | واگذاری تلفن ثابت
t cb ADSL internet subscription | اشتراک اینترنت ADSL
t c Telephone bill payment | پرداخت قبض تلفن
x c Telephone bill inquiry | استعلام قبض تلفن
x cb Fault report (117) | ثبت خرابی (۱۱۷)
t cb Line transfer | جابه‌جایی تلفن
t cb Change of subscriber name | تغییر نام مشترک
""",
    "red-crescent": """
t c Relief course registration | ثبت‌نام دوره‌های امداد
x c Blood donation booking | نوبت اهدای خون
x cb Volunteer registration | ثبت‌نام داوطلبان
x cbg Road rescue (112) | امداد جاده‌ای (۱۱۲)
t c Pharmacy of rare medicines | داروخانه داروهای خاص
""",
    "qom-university": """
t c Student registration | ثبت‌نام دانشجویان
x c Course selection | انتخاب واحد
x cg Degree verification | استعلام مدرک تحصیلی
t c Dormitory application | درخواست خوابگاه
t c Graduation clearance | تسویه حساب فارغ‌التحصیلی
t c Student loan | وام دانشجویی
""",
    "islamic-propagation": """
t b Religious event permit | مجوز برگزاری مراسم مذهبی
x c Cultural programme registration | ثبت‌نام برنامه‌های فرهنگی
t b Religious publications permit | مجوز نشریات مذهبی
""",
    "oil-products": """
t cb Fuel card replacement | صدور المثنی کارت سوخت
x c Fuel quota inquiry | استعلام سهمیه سوخت
t b Fuel station licence | مجوز جایگاه سوخت
t b Industrial fuel quota | سهمیه سوخت صنایع
t b Kerosene and LPG quota for heating | سهمیه نفت سفید و گاز مایع
""",
    "children-institute": """
t c Membership registration | ثبت‌نام عضویت
x c Reading festivals | جشنواره‌های کتابخوانی
t c Art class registration | ثبت‌نام کلاس‌های هنری
""",
    "literacy-movement": """
t c Literacy class enrolment | ثبت‌نام کلاس‌های سوادآموزی
t c Literacy certificate | صدور گواهی سوادآموزی
x cg Literacy certificate inquiry | استعلام گواهی سوادآموزی
""",
    "pension-fund": """
t c Retirement claim | درخواست بازنشستگی
x c Pension slip | فیش حقوقی بازنشستگان
t c Survivor pension | مستمری بازماندگان
t c Pensioner loans | وام بازنشستگان
x g Pension record inquiry | استعلام سوابق بازنشستگی
""",
    "penalties-organization": """
x c Price gouging report (135) | گزارش گرانفروشی (۱۳۵)
x cb Case status inquiry | استعلام وضعیت پرونده
t cb Fine payment | پرداخت جریمه
t b Case objection | اعتراض به رأی
""",
    "industrial-estates": """
t b Land allocation in industrial estates | واگذاری زمین در شهرک‌های صنعتی
t b Construction permit in industrial estates | پروانه ساخت در شهرک‌های صنعتی
t b Utility connection in industrial estates | انشعاب آب و برق شهرک‌های صنعتی
x b Vacant plots inquiry | استعلام قطعات واگذار نشده
t b Operating certificate | گواهی پایان کار
""",
    "science-park": """
t b Knowledge-based company admission | پذیرش شرکت‌های دانش‌بنیان
t b Incubator application | درخواست استقرار در مرکز رشد
t b Innovation voucher | تسهیلات کوپن نوآوری
x b Technology consulting | مشاوره فناوری
""",
    "rural-cooperatives": """
t b Guaranteed purchase of wheat | خرید تضمینی گندم
t b Rural cooperative membership | عضویت در تعاونی روستایی
t b Input supply to farmers | تأمین نهاده‌های کشاورزی
x b Purchase payment inquiry | استعلام وجه خرید تضمینی
""",
    "agricultural-research": """
t b Soil and water testing | آزمایش آب و خاک
i b Research findings for farmers | یافته‌های تحقیقاتی برای کشاورزان
t b Certified seed supply | تأمین بذر گواهی‌شده
x b Pest and disease diagnosis | تشخیص آفات و بیماری‌ها
""",
    "technology-university": """
t c Student registration | ثبت‌نام دانشجویان
x c Course selection | انتخاب واحد
x cg Degree verification | استعلام مدرک تحصیلی
t b Industry research contract | قرارداد پژوهشی با صنعت
""",
    "foreign-nationals": """
t c Residence card renewal (Amayesh) | تمدید کارت آمایش
t c Student enrolment for foreign nationals | ثبت‌نام تحصیلی اتباع
t c Travel permit for foreign nationals | برگه تردد اتباع
x cg Foreign national status inquiry | استعلام وضعیت اتباع
t c Family census registration | سرشماری خانوار اتباع
""",
}
